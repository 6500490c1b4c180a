"""Site search results: every hit put in its section, sections ordered by their best hit, and for
each shown result the passage that matched.

Pages are searched once, all together; each record model the public can reach without a page
of its own (pets, facilities, producers, products) is searched on its own. Scores compare across
these searches because every model weighs its fields with the same boosts (portal.search.backend).

On the database backend the matches never leave the database: one query matches the index once
for every search, counts the matches of each page type and record model and keeps the best
RESULTS_PER_SECTION of each (portal.search.backend.best_matches); a `?section=` page is one more
query per search of that section (RankedHits). So the number of queries and the rows read into
Python stay the same whatever the number of matches, and every match is counted. A search
engine (Elasticsearch) answers its best MAX_HITS of each search, grouped here.
Only what is shown is fetched in full: the best RESULTS_PER_SECTION of each section on the first
screen, one page of one section under `?section=`.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from portal.pagination import paginate
from portal.params import BadParameterError
from portal.search.backend import best_matches, is_database_backend, scored_matches
from portal.search.snippets import query_stems, snippet, texts_of
from portal.templatetags.portal_tags import highlight

# A search engine's searches each keep this many best hits; the database counts them all.
MAX_HITS = 1000
RESULTS_PER_SECTION = 3
SCORE = "_search_score"
# Best first; among equal scores the newest first, as the library's own search orders them.
BEST_FIRST = ("-match_score", "-match_pk")


@dataclass(frozen=True)
class SearchSection:
    key: str
    label: str
    apps: tuple[str, ...] = ()  # the apps whose pages it holds
    models: tuple[str, ...] = ()  # the records it holds, each with get_absolute_url()


SECTIONS = (
    SearchSection("news", gettext_lazy("News"), ("news",)),
    SearchSection("projects", gettext_lazy("Projects"), ("projects",)),
    SearchSection(
        "calendar", gettext_lazy("Calendar"), ("calendar_pages",), ("calendar_pages.Facility",)
    ),
    SearchSection("shelter", gettext_lazy("Shelter"), ("shelter",), ("shelter.Pet",)),
    SearchSection(
        "producers",
        gettext_lazy("Producers"),
        ("producers",),
        ("producers.Producer", "producers.Product"),
    ),
    SearchSection("tos-contest", gettext_lazy("TOS contest"), ("contest",)),
    # Every other page: the home page, «О портале» and its pages.
    SearchSection("pages", gettext_lazy("Pages")),
)
SECTION_OF_APP = {app: section.key for section in SECTIONS for app in section.apps}
OTHER_PAGES = "pages"
# What a record's address needs besides itself (a product's address is its producer's).
RELATED = {"producers.Product": ("producer",)}


def parse_section(value):
    """The key of a section of the results, None when blank, else BadParameterError."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    if text not in {section.key for section in SECTIONS}:
        raise BadParameterError(_("There is no such section of the search results."))
    return text


@dataclass
class Hit:
    score: float
    model: type
    pk: Any
    record: Any = None  # a record once fetched (with_records); a page is fetched when shown


@dataclass
class Result:
    """What the results list shows of one hit."""

    title: str
    url: str | None  # None while the section's page is missing or unpublished
    kind: str
    title_html: str
    snippet: str


@dataclass
class Group:
    section: SearchSection
    hits: Sequence[Hit]  # best first: a list, or RankedHits, read a slice at a time
    results: list[Result] = field(default_factory=list)

    @property
    def count(self):
        return len(self.hits)

    @property
    def top(self):
        """Its best RESULTS_PER_SECTION hits, as the first screen shows them."""
        if isinstance(self.hits, RankedHits):
            return self.hits.top
        return self.hits[:RESULTS_PER_SECTION]

    @property
    def best(self):
        return self.top[0].score


@dataclass
class SiteSearch:
    query: str
    groups: list[Group]  # every section with hits, the one with the best hit first
    section: str | None
    page: Any = None  # with a section chosen: its page of results (portal.pagination)
    capped: bool = False  # an engine's search had more than MAX_HITS hits: counts are of the best

    @property
    def total(self):
        return sum(group.count for group in self.groups)

    @property
    def shown(self):
        """The groups the page lists: all of them, or the chosen one."""
        if self.section is None:
            return self.groups
        return [group for group in self.groups if group.section.key == self.section]


def site_search(request, pages, query, *, backend, section=None):
    """Search pages and records, group the hits and prepare what is shown; evaluated here, so
    that a search cluster's failure surfaces in the caller."""
    if is_database_backend(backend):
        groups, capped = find_in_database(pages, query), False
    else:
        groups, capped = find_in_engine(pages, query, backend)
    found = sorted((group for group in groups if group.hits), key=lambda group: -group.best)
    result = SiteSearch(query, found, section, capped=capped)
    shown = {}
    for group in result.shown:
        if section is None:
            shown[group.section.key] = list(group.top)
        else:
            result.page = paginate(request, group.hits)
            shown[group.section.key] = list(result.page.object_list)
    for key, hits in shown.items():
        shown[key] = with_records(hits)
    fetched = fetch_pages(pages, [hit for hits in shown.values() for hit in hits])
    stems = query_stems(query)
    for group in result.shown:
        group.results = describe(request, shown[group.section.key], fetched, stems, query)
    return result


class RankedHits(Sequence):
    """One section's matches in the database, best first. Its length (the count) and its `top`
    RESULTS_PER_SECTION come with the search; a slice asks each of the section's searches
    (`sources`: (start, stop) -> hits, best first) for its best `stop` and merges them: one query
    a search, whatever the page."""

    def __init__(self, count, top, sources):
        self.count_, self.top, self.sources = count, top, sources

    def __len__(self):
        return self.count_

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self.count_)
        if len(self.sources) == 1:
            return self.sources[0](start, stop)
        merged = [hit for source in self.sources for hit in source(0, stop)]
        return sorted(merged, key=lambda hit: -hit.score)[start:stop]


def find_in_database(pages, query):
    """A group for each section: its count, best hits and searches (RankedHits), from one query
    that counts and ranks the matches of every search (portal.search.backend.best_matches).
    Records are fetched later, with the pages, only when shown."""
    record_searches = [(section, label) for section in SECTIONS for label in section.models]
    querysets = [pages, *(public_records(label) for _, label in record_searches)]
    searches = [scored_matches(queryset, query) for queryset in querysets]
    counts = {section.key: 0 for section in SECTIONS}
    best = {section.key: [] for section in SECTIONS}
    page_types = {section.key: set() for section in SECTIONS}
    sources = {section.key: {} for section in SECTIONS}
    for search, kind, pk, score, count in best_matches(querysets, query, RESULTS_PER_SECTION):
        if search == 0:
            model = ContentType.objects.get_for_id(kind).model_class()
            if model is None:  # a page type whose code is gone
                continue
            key = SECTION_OF_APP.get(model._meta.app_label, OTHER_PAGES)
            if kind not in page_types[key]:
                page_types[key].add(kind)
                counts[key] += count
            sources[key][0] = page_source(searches[0], page_types[key])
        else:
            section, label = record_searches[search - 1]
            key, model = section.key, apps.get_model(label)
            if search not in sources[key]:
                counts[key] += count
                sources[key][search] = record_source(searches[search], model)
        best[key].append(Hit(score, model, pk))
    groups = []
    for section in SECTIONS:
        key = section.key
        top = sorted(best[key], key=lambda hit: -hit.score)[:RESULTS_PER_SECTION]
        groups.append(Group(section, RankedHits(counts[key], top, list(sources[key].values()))))
    return groups


def public_records(label):
    """The records of a model the public may find, with what their addresses need."""
    model = apps.get_model(label)
    public = model.search_queryset() if hasattr(model, "search_queryset") else model.objects.all()
    return public.select_related(*RELATED.get(label, ()))


def page_source(matches, types):
    """The hits of a section's pages (of these types), a slice of the best at a time."""

    def hits(start, stop):
        rows = matches.filter(match_kind__in=types).order_by(*BEST_FIRST)[start:stop]
        model = ContentType.objects.get_for_id
        return [
            Hit(row["match_score"], model(row["match_kind"]).model_class(), row["match_pk"])
            for row in rows
        ]

    return hits


def record_source(matches, model):
    """The hits of a model's records, a slice of the best at a time (fetched when shown)."""

    def hits(start, stop):
        rows = matches.order_by(*BEST_FIRST)[start:stop]
        return [Hit(row["match_score"], model, row["match_pk"]) for row in rows]

    return hits


def find_in_engine(pages, query, backend):
    """A group for each section from a search engine's best MAX_HITS hits of every search, and
    whether any search reached MAX_HITS."""
    capped = False
    hits = {section.key: [] for section in SECTIONS}
    page_hits = list(
        pages.only("id", "content_type")
        .search(query, backend=backend)
        .annotate_score(SCORE)[:MAX_HITS]
    )
    capped |= len(page_hits) == MAX_HITS
    for page in page_hits:
        model = page.specific_class
        if model is not None:
            key = SECTION_OF_APP.get(model._meta.app_label, OTHER_PAGES)
            hits[key].append(Hit(getattr(page, SCORE), model, page.pk))
    search = get_search_backend(backend).search
    for section in SECTIONS:
        for label in section.models:
            model = apps.get_model(label)
            records = list(search(query, public_records(label)).annotate_score(SCORE)[:MAX_HITS])
            capped |= len(records) == MAX_HITS
            hits[section.key] += [Hit(getattr(r, SCORE), model, r.pk, r) for r in records]
    groups = [
        Group(section, sorted(hits[section.key], key=lambda hit: -hit.score))
        for section in SECTIONS
    ]
    return groups, capped


def with_records(hits):
    """The hits, each record hit with its record, fetched in one query a model; less those no
    longer public since the search."""
    wanted = {}
    for hit in hits:
        if not is_page(hit) and hit.record is None:
            wanted.setdefault(hit.model, []).append(hit.pk)
    fetched = {
        model: public_records(model._meta.label).in_bulk(pks) for model, pks in wanted.items()
    }
    for hit in hits:
        if hit.model in fetched:
            hit.record = fetched[hit.model].get(hit.pk)
    return [hit for hit in hits if is_page(hit) or hit.record is not None]


def is_page(hit):
    return issubclass(hit.model, Page)


def describe(request, hits, fetched, stems, query):
    """The results of the hits, in their order; `fetched` holds their pages (fetch_pages)."""
    results = []
    for hit in hits:
        if not is_page(hit):
            obj, url = hit.record, record_url(hit.record, fetched)
            title, kind = str(obj), obj._meta.verbose_name
            intro = None
        else:
            obj = fetched.get((hit.model, hit.pk))
            if obj is None:  # unpublished or deleted since the search
                continue
            url, title, kind = obj.get_url(request), obj.title, obj.get_verbose_name()
            intro = getattr(obj, "meta_description", None)
        results.append(
            Result(
                title=title,
                url=url,
                kind=kind,
                title_html=highlight(title, query),
                snippet=snippet(title, texts_of(obj), intro, stems, query),
            )
        )
    return results


def fetch_pages(pages, hits):
    """{(page type, pk): page} of the pages the hits show and of the index pages their records'
    addresses start from, each as its own type, in one query: every type's table is joined."""
    page_hits = [hit for hit in hits if is_page(hit)]
    index_types = {hit.model.index_page_model() for hit in hits if not is_page(hit)}
    types = {hit.model for hit in page_hits} | index_types
    if not types:
        return {}
    wanted = Q(pk__in=[hit.pk for hit in page_hits])
    if index_types:
        wanted |= Q(content_type__in=ContentType.objects.get_for_models(*index_types).values())
    lookups = {model: specific_lookup(model) for model in types}
    fetched = {}
    for page in pages.filter(wanted).select_related(*lookups.values()).order_by("path"):
        model = page.specific_class
        if model in lookups:
            specific = page
            for name in lookups[model].split("__"):
                specific = getattr(specific, name)
            fetched.setdefault((model, page.pk), specific)
            fetched.setdefault((model, None), specific)  # the first page of its type
    return fetched


def specific_lookup(model):
    """The select_related() path from a base Page to its row of this page type."""
    return "__".join(step.join_field.name for step in model._meta.get_path_from_parent(Page))


def record_url(record, fetched):
    """The address of a record's page (portal.section_pages.RecordPage) from its section's index
    page among the fetched ones; None while that page is not live."""
    index_page = fetched.get((record.index_page_model(), None))
    return record.get_absolute_url(index_page) if index_page is not None else None

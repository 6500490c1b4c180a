"""Site search results: every hit put in its section, sections ordered by their best hit, and for
each shown result the passage that matched.

Pages are searched once, all together; each record model the public can reach without a page
of its own (pets, facilities, producers, products) is searched on its own. Scores compare across
these searches because every model weighs its fields with the same boosts (portal.search.backend).
Only what is shown is fetched in full: the best RESULTS_PER_SECTION of each section on the first
screen, one page of one section under `?section=`.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from portal.pagination import paginate
from portal.params import BadParameterError
from portal.search.backend import WORD, is_title_field, stem
from portal.templatetags.portal_tags import highlight

# Each search keeps this many best hits (as the SQLite backend does: portal.search.sqlite).
MAX_HITS = 1000
RESULTS_PER_SECTION = 3
SNIPPET_WORDS = 30
# The snippet starts this many words before the first match, so the match reads in context.
WORDS_BEFORE_MATCH = 8
# …or from the start of the match's sentence, when it begins at most this many words before.
SENTENCE_LOOKBACK = 15
SCORE = "_search_score"
# What follows a title used as a label: «Пасека Ивановых: …», «Сквер. …», or nothing more.
TITLE_LABEL = re.compile(r"\s*[.,:;—–-]\s*|\s*$")
# What ends a sentence: its mark, perhaps a closing quote or bracket, a space.
SENTENCE_END = re.compile(r"[.!?…][»\")]*\s+$")


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
    record: Any = None  # a record comes with its search; a page is fetched only when shown


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
    hits: list[Hit] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)

    @property
    def count(self):
        return len(self.hits)

    @property
    def best(self):
        return self.hits[0].score


@dataclass
class SiteSearch:
    query: str
    groups: list[Group]  # every section with hits, the one with the best hit first
    section: str | None
    page: Any = None  # with a section chosen: its page of results (portal.pagination)
    capped: bool = False  # a search had more than MAX_HITS hits: the counts are of the best

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
    hits, capped = find(pages, query, backend)
    groups = {section_.key: Group(section_) for section_ in SECTIONS}
    for hit, key in hits:
        groups[key].hits.append(hit)
    found = [group for group in groups.values() if group.hits]
    for group in found:
        group.hits.sort(key=lambda hit: -hit.score)
    found.sort(key=lambda group: -group.best)
    result = SiteSearch(query, found, section, capped=capped)
    shown = {}
    for group in result.shown:
        if section is None:
            shown[group.section.key] = group.hits[:RESULTS_PER_SECTION]
        else:
            result.page = paginate(request, group.hits)
            shown[group.section.key] = list(result.page.object_list)
    fetched = fetch_pages(pages, [hit for hits in shown.values() for hit in hits])
    stems = query_stems(query)
    for group in result.shown:
        group.results = describe(request, shown[group.section.key], fetched, stems, query)
    return result


def find(pages, query, backend):
    """(hit, section key) pairs from every search, and whether any search reached MAX_HITS."""
    capped = False
    found = []
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
            found.append((Hit(getattr(page, SCORE), model, page.pk), key))
    search = get_search_backend(backend).search
    for section in SECTIONS:
        for label in section.models:
            model = apps.get_model(label)
            public = model.search_queryset() if hasattr(model, "search_queryset") else model.objects
            public = public.select_related(*RELATED.get(label, ()))
            records = list(search(query, public).annotate_score(SCORE)[:MAX_HITS])
            capped |= len(records) == MAX_HITS
            found += [(Hit(getattr(r, SCORE), model, r.pk, r), section.key) for r in records]
    return found, capped


def describe(request, hits, fetched, stems, query):
    """The results of the hits, in their order; `fetched` holds their pages (fetch_pages)."""
    results = []
    for hit in hits:
        if hit.record is not None:
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
    page_hits = [hit for hit in hits if hit.record is None]
    index_types = {hit.model.index_page_model() for hit in hits if hit.record is not None}
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


def query_stems(query):
    return {stem(word) for word in WORD.findall(query)}


def snippet(title, texts, intro, stems, query):
    """The passage around the first match of a query word in the object's texts (lead first, as
    the model lists them), its intro when none matches; never the title again. Safe HTML."""
    texts = [text for text in (without_title(text, title) for text in texts) if text]
    for text in texts:
        passage = matching_passage(text, stems)
        if passage:
            return highlight(passage, query)
    fallback = without_title(intro or "", title) or next(iter(texts), "")
    return highlight(Truncator(fallback).words(SNIPPET_WORDS, "…"), query)


def matching_passage(text, stems):
    """About SNIPPET_WORDS words of text around the first word sharing a stem with the query,
    from the start of its sentence when that is near; None without a match. Words of one or two
    letters (и, в, на) never anchor a snippet."""
    words = list(WORD.finditer(text))
    for number, word in enumerate(words):
        if len(word.group()) > 2 and stem(word.group()) in stems:
            # Near its start a text is shown from the start; else from the match's sentence
            # when that begins close enough, else from a few words before the match.
            first = 0
            if number > WORDS_BEFORE_MATCH:
                first = number - WORDS_BEFORE_MATCH
                for candidate in range(number, max(number - SENTENCE_LOOKBACK, 0) - 1, -1):
                    if starts_sentence(text, words[candidate].start()):
                        first = candidate
                        break
            last = min(len(words), first + SNIPPET_WORDS)
            start = words[first].start() if first else 0
            end = words[last - 1].end() if last < len(words) else len(text)
            passage = text[start:end].strip()
            return ("… " if first else "") + passage + (" …" if last < len(words) else "")
    return None


def starts_sentence(text, position):
    return not text[:position].strip() or bool(SENTENCE_END.search(text[:position][-6:]))


def without_title(text, title):
    """The text in one line, less the title as a label it starts with («Пасека Ивановых: мёд…»
    gives «Мёд…»); empty when it is the title with a word or two around it (a legal name
    «ООО «Пасека Ивановых»»)."""
    text = " ".join(str(text).split())
    title = " ".join(str(title).split())
    if not title:
        return text
    label = TITLE_LABEL.match(text[len(title) :])
    if text.casefold().startswith(title.casefold()) and label:
        rest = text[len(title) + label.end() :]
        text = rest[:1].upper() + rest[1:]
    at = text.casefold().find(title.casefold())
    if at >= 0 and len(WORD.findall(text[:at] + text[at + len(title) :])) <= 2:
        return ""
    return text


def texts_of(obj):
    """The plain texts of the object's searched fields below the title tier, in model order.
    A StreamField is read from its stored data: no image or page it refers to is fetched."""
    texts = []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField) or is_title_field(search_field):
            continue
        try:
            model_field = obj._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:  # a property, such as sector_label
            model_field = None
        if isinstance(model_field, StreamField):
            value = getattr(obj, search_field.field_name)
            parts = list(block_texts(model_field.stream_block, value.raw_data))
        else:
            value = search_field.get_value(obj)
            parts = value if isinstance(value, list | tuple) else [value]
        text = " ".join(" ".join(str(part).split()) for part in parts if part)
        if text:
            texts.append(text)
    return texts


def block_texts(block, raw):
    """The words readers see in a block's stored (raw) value: text, rich text, their structures."""
    if raw is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        yield get_text_for_indexing(str(raw))
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        yield str(raw)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from block_texts(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_new_format = isinstance(item, dict) and "value" in item and "type" in item
            yield from block_texts(block.child_block, item["value"] if is_new_format else item)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from block_texts(child, item.get("value"))

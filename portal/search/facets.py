"""Facet counts for the catalog filters: how many results each option of a filter would leave.

Built on the catalog's own django-filter FilterSet, so the counts are, by construction, what the
list shows once that option is chosen: an option's count is a filtered COUNT over the rows every
non-facet filter leaves, its condition the option itself and every other active facet filter
(each written as the WHERE clause of the FilterSet's queryset it would filter: on the model's own
columns or a foreign key's row the rows already join; a subquery otherwise). So the options of all
facets can be counted in one pass over the rows: one query in all (`one_query`, the catalogs), or
one per facet, whatever the size of the catalog. The same query counts the total (what every
active filter leaves), so a catalog's paginator need not count again.

The rows and each distinct condition, as a boolean, form a table the counts read
(`WITH facet_rows AS …`): a condition is written once however many counts it is part of. When an
active filter is a subquery (an EXISTS, `pk IN (…)`), the table is materialized, so the database
runs that subquery once, not once per option of every other facet."""

from dataclasses import dataclass

import django_filters
from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, F, Lookup, Subquery
from django.db.models.sql import Query
from django.db.models.sql.where import WhereNode
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.constants import EMPTY_VALUES

BOOLEAN_OPTIONS = [("true", _("Yes")), ("false", _("No"))]
# The aggregate that counts what every active filter leaves, beside the options' counts.
TOTAL = "facets__total"


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetCounts:
    """The options of each facet with their counts, and the total: how many records every active
    filter leaves, which is what the list shows (so its paginator need not count again)."""

    facets: dict
    total: int


def facet_counts(filterset, names, *, queryset=None, applied=None, one_query=False):
    """{name: [FacetOption, ...]} for the named filters of a bound FilterSet; {} if invalid.

    Counted within `queryset` (the FilterSet's own by default; a narrower one must hold rows of
    the FilterSet's queryset) with the other active filters applied: those named in `applied`,
    or every filter of the FilterSet. One aggregate query per facet, or one in all with
    `one_query`."""
    if not filterset.is_valid():
        return {}
    return count_facets(
        filterset, names, queryset=queryset, applied=applied, one_query=one_query
    ).facets


def count_facets(filterset, names, *, queryset=None, applied=None, one_query=False):
    """FacetCounts of a valid bound FilterSet (see facet_counts); the total is counted in the
    first aggregate query, beside the options."""
    if not filterset.is_valid():
        raise ValueError("Facets are counted for valid filters only.")
    base = filterset.queryset if queryset is None else queryset
    applied = filterset.filters if applied is None else applied
    active = {
        name: value
        for name, value in filterset.form.cleaned_data.items()
        # The form may carry fields that are not filters (a list/grid switch): they filter nothing.
        if name in applied and name in filterset.filters and value not in EMPTY_VALUES
    }
    rows = base
    for name, value in active.items():
        if name not in names:
            rows = filterset.filters[name].filter(rows, value)
    # Each active facet filter as a condition on the rows (None: it keeps no row), written on
    # the model's unfiltered rows: a filter's own condition, without the catalog's joins.
    unfiltered = filterset.queryset.model._default_manager.all()
    conditions = {
        name: _condition(filterset.filters[name].filter(unfiltered, value), rows)
        for name, value in active.items()
        if name in names
    }
    options = {name: options_of(filterset.filters[name]) for name in names}
    distinct = _may_repeat_records(rows)
    wanted = {
        name: _option_conditions(filterset, name, options[name], unfiltered, rows, conditions)
        for name in names
    }
    batches = [wanted] if one_query else [{name: wanted[name]} for name in names]
    # The total: the rows every active facet filter keeps (the list), counted with the first batch.
    total = {TOTAL: None if None in conditions.values() else list(conditions.values())}
    batches = [{**batches[0], TOTAL: total}, *batches[1:]] if batches else [{TOTAL: total}]
    counts = {}
    for batch in batches:
        every = {
            key: conjunction
            for by_key in batch.values()
            for key, conjunction in by_key.items()
            if conjunction is not None
        }
        counts.update(_count(rows, every, distinct))
    facets = {}
    for name in names:
        chosen = _chosen(filterset, name)
        facets[name] = [
            FacetOption(raw, label, counts.get(_key(name, index), 0), raw in chosen)
            for index, (raw, label, _value) in enumerate(options[name])
        ]
    return FacetCounts(facets, counts.get(TOTAL, 0))


def options_of(filter_):
    """(raw GET value, label, value the filter gets) for each option, without the empty choice."""
    if isinstance(filter_, django_filters.BooleanFilter):
        return [(raw, label, raw == "true") for raw, label in BOOLEAN_OPTIONS]
    field = filter_.field
    multiple = isinstance(filter_, django_filters.MultipleChoiceFilter | ModelMultipleChoiceFilter)
    if isinstance(filter_, ModelChoiceFilter | ModelMultipleChoiceFilter):
        # One query for the choices; each option filters by its object, not by a re-lookup.
        return [
            (str(obj.pk), field.label_from_instance(obj), [obj] if multiple else obj)
            for obj in field.queryset
        ]
    # The options are the field's own choices, valid by construction: each value is only read as
    # the field reads it. Checking it against the choices would read callable choices (a query)
    # once per option.
    return [
        (str(value), label, [value] if multiple else field.to_python(value))
        for value, label in field.choices
        if value not in ("", None)
    ]


def _key(name, index):
    return f"{name}__option_{index}"


def _may_repeat_records(queryset):
    """Whether a row of the queryset may repeat a record: it joins a table on the many side of a
    relation (a reverse foreign key, a many-to-many), so each record must be counted once."""
    query = queryset.query
    return any(
        not (join.join_field.many_to_one or join.join_field.one_to_one)
        for alias, join in query.alias_map.items()
        if getattr(join, "join_field", None) is not None and query.alias_refcount[alias]
    )


def _option_conditions(filterset, name, options, unfiltered, rows, conditions):
    """{key: the conditions a row meets to count for the option} of each option of a facet: its
    own and every other active facet filter's; None for an option that keeps no row."""
    others = [condition for other, condition in conditions.items() if other != name]
    filter_ = filterset.filters[name]
    wanted = {}
    for index, (_raw, _label, value) in enumerate(options):
        own = _condition(filter_.filter(unfiltered, value), rows)
        keeps_none = own is None or any(other is None for other in others)
        wanted[_key(name, index)] = None if keeps_none else [own, *others]
    return wanted


def _count(rows, wanted, distinct):
    """{key: how many rows meet every condition of wanted[key]}, in one query. Each condition is
    evaluated once per row, however many counts it is part of (an active filter is part of every
    other facet's options): the rows and their conditions as booleans are a materialized table,
    and each count reads its booleans from it. (As filtered COUNTs over the rows, the database
    would run a subquery condition again for every count it appears in.)"""
    if not wanted:
        return {}
    if rows.query.is_empty():
        return dict.fromkeys(wanted, 0)
    columns = {}
    for conjunction in wanted.values():
        for condition in conjunction:
            columns.setdefault(id(condition), (f"facet_condition_{len(columns)}", condition))
    table = rows.order_by().annotate(
        facet_pk=F("pk"),
        **{
            column: ExpressionWrapper(condition, output_field=BooleanField())
            for column, condition in columns.values()
        },
    )
    table = table.values("facet_pk", *(column for column, _condition in columns.values()))
    sql, params = table.query.sql_with_params()
    quote = connections[rows.db].ops.quote_name
    counted = f"DISTINCT {quote('facet_pk')}" if distinct else "*"
    selects = []
    for key, conjunction in wanted.items():
        meets = " AND ".join(quote(columns[id(condition)][0]) for condition in conjunction)
        where = f" FILTER (WHERE {meets})" if meets else ""
        selects.append(f"COUNT({counted}){where} AS {quote(key)}")
    # Conditions on the rows' own columns cost less inline (the database folds the table into
    # the counting query) than stored; a shared subquery condition is worth storing.
    shared = any(_has_subquery(condition) for condition in _shared(wanted))
    materialized = "MATERIALIZED" if shared else "NOT MATERIALIZED"
    # Every name above is the portal's own; the rows' SQL keeps its parameters apart.
    query = (
        f"WITH facet_rows AS {materialized} ({sql}) "  # noqa: S608
        f"SELECT {', '.join(selects)} FROM facet_rows"
    )
    with connections[rows.db].cursor() as cursor:
        cursor.execute(query, params)
        return dict(zip(wanted, cursor.fetchone(), strict=True))


def _condition(narrowed, rows):
    """The rows a filter keeps, as the condition of a filtered COUNT over `rows` (None if it keeps
    none): its WHERE clause when it reads only the model's table or tables `rows` already joins
    (a foreign key's row: `producer__district`), so that every option is counted in the same
    single pass over the rows; otherwise membership in its own query (a subquery, slower)."""
    if narrowed.query.is_empty():
        return None
    if not _joins_within(narrowed.query, rows.query) or _correlated(narrowed.query.where):
        narrowed = narrowed.model._base_manager.filter(pk__in=narrowed.values("pk"))
    return narrowed.query.where


def _shared(wanted):
    """The conditions that are part of more than one count."""
    seen, shared = set(), {}
    for conjunction in wanted.values():
        for condition in conjunction:
            if id(condition) in seen:
                shared[id(condition)] = condition
            seen.add(id(condition))
    return shared.values()


def _holds(node, kinds):
    """Whether a WHERE clause holds, anywhere in it, an expression of one of `kinds`."""
    if isinstance(node, kinds):
        return True
    if isinstance(node, WhereNode):
        parts = node.children
    elif isinstance(node, Lookup):
        parts = [node.lhs, node.rhs]
    elif hasattr(node, "get_source_expressions"):
        parts = node.get_source_expressions()
    else:
        return False
    return any(_holds(part, kinds) for part in parts if part is not None)


def _has_subquery(node):
    """Whether a WHERE clause reads another query (`pk__in=…`, EXISTS (…))."""
    return _holds(node, (Subquery, Query))


def _correlated(node):
    """Whether a WHERE clause holds a subquery expression (EXISTS (…), a Subquery), which refers
    to the outer row: written as is, the database runs it for every row and every option it is
    part of; as membership of the rows it keeps, once per count."""
    return _holds(node, Subquery)


def _joins_within(query, rows_query):
    """Whether every table the query's WHERE clause reads besides the model's own is the row of
    a foreign key (one per record) that `rows_query` joins the same way under the same alias, so
    the clause can be evaluated on its rows. A join Django trimmed away (`producer__in=...` needs
    only the foreign key column) stays in the alias map unreferenced: it is no join."""
    base = query.base_table
    for alias, join in query.alias_map.items():
        if alias == base or not query.alias_refcount[alias]:
            continue
        theirs = rows_query.alias_map.get(alias)
        if (
            not (join.join_field.many_to_one or join.join_field.one_to_one)
            or theirs is None
            or not rows_query.alias_refcount[alias]
            or getattr(theirs, "identity", None) != join.identity
        ):
            return False
    return True


def _chosen(filterset, name):
    data = filterset.data
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
    return {str(value) for value in values if value not in ("", None)}


# Form fields that choose how a list is shown, not what it holds: never an active filter.
PRESENTATION_FIELDS = {"sort", "view"}


def filter_panel(filterset, facets=None):
    """What the shared filter panel (templates/includes/facet_filters.html) draws: each form field
    of the FilterSet in order, as a group of options with counts when `facets` has it, otherwise
    as the field's own widget; and how many filters narrow the list now."""
    facets = facets or {}
    groups = []
    for field in filterset.form:
        filter_ = filterset.filters.get(field.name)
        options = facets.get(field.name)
        groups.append(
            {
                "field": field,
                "options": options,
                "multiple": isinstance(
                    filter_, django_filters.MultipleChoiceFilter | ModelMultipleChoiceFilter
                ),
                "any_selected": any(option.selected for option in options or []),
                "any_label": getattr(field.field, "empty_label", None) or _("All"),
            }
        )
    return {"groups": groups, "active_count": active_filter_count(filterset)}


def active_filter_count(filterset):
    """How many filters the request sets, from what was sent (so a refused value counts too, as
    it is in the address until reset); hidden fields and sorts are not filters."""
    form = filterset.form
    return sum(
        1
        for name, field in form.fields.items()
        if name not in PRESENTATION_FIELDS
        and not field.widget.is_hidden
        and form[name].data not in (None, "", [])
    )

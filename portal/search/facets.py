"""Facet counts for the catalog filters: how many results each option of a filter would leave.

Built on the catalog's own django-filter FilterSet, so the counts are, by construction, what the
list shows once that option is chosen: an option's count is a filtered COUNT over the rows every
non-facet filter leaves, its condition the option itself and every other active facet filter
(each written as the WHERE clause of the FilterSet's queryset it would filter, or a subquery when
it needs a join). So the options of all facets can be counted in one pass over the rows: one
aggregate query in all (`one_query`, the catalogs), or one per facet, whatever the size of the
catalog.
"""

from dataclasses import dataclass

import django_filters
from django.db.models import Count
from django.db.models.sql.where import AND, WhereNode
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.constants import EMPTY_VALUES

BOOLEAN_OPTIONS = [("true", _("Yes")), ("false", _("No"))]


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(filterset, names, *, queryset=None, applied=None, one_query=False):
    """{name: [FacetOption, ...]} for the named filters of a bound FilterSet; {} if invalid.

    Counted within `queryset` (the FilterSet's own by default; a narrower one must hold rows of
    the FilterSet's queryset) with the other active filters applied: those named in `applied`,
    or every filter of the FilterSet. One aggregate query per facet, or one in all with
    `one_query`."""
    if not filterset.is_valid():
        return {}
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
        name: _condition(filterset.filters[name].filter(unfiltered, value))
        for name, value in active.items()
        if name in names
    }
    options = {name: options_of(filterset.filters[name]) for name in names}
    distinct = _may_repeat_records(rows)
    aggregates = {
        name: _aggregates(filterset, name, options[name], unfiltered, conditions, distinct)
        for name in names
    }
    counts = {}
    batches = [aggregates] if one_query else [{name: aggregates[name]} for name in names]
    for batch in batches:
        every = {
            key: count
            for by_key in batch.values()
            for key, count in by_key.items()
            if count is not None
        }
        if every:
            counts.update(rows.aggregate(**every))
    facets = {}
    for name in names:
        chosen = _chosen(filterset, name)
        facets[name] = [
            FacetOption(raw, label, counts.get(_key(name, index), 0), raw in chosen)
            for index, (raw, label, _value) in enumerate(options[name])
        ]
    return facets


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


def _aggregates(filterset, name, options, unfiltered, conditions, distinct):
    """{key: filtered COUNT} of each option of a facet; None for an option that keeps no row."""
    others = [condition for other, condition in conditions.items() if other != name]
    filter_ = filterset.filters[name]
    aggregates = {}
    for index, (_raw, _label, value) in enumerate(options):
        own = _condition(filter_.filter(unfiltered, value))
        if own is None or any(other is None for other in others):
            aggregates[_key(name, index)] = None
            continue
        aggregates[_key(name, index)] = Count(
            "pk", distinct=distinct, filter=WhereNode([own, *others], AND)
        )
    return aggregates


def _condition(narrowed):
    """The rows a filter keeps, as the condition of a filtered COUNT (None if it keeps none): its
    WHERE clause when it needs no join, so that every option is counted in the same single pass
    over the rows; otherwise membership in its own query (a subquery, slower on large tables)."""
    if narrowed.query.is_empty():
        return None
    if _joins(narrowed.query):
        narrowed = narrowed.model._base_manager.filter(pk__in=narrowed.values("pk"))
    return narrowed.query.where


def _joins(query):
    """Whether the query's WHERE clause reads a table besides the model's own. A join Django
    trimmed away (`producer__in=...` needs only the foreign key column) stays in the alias map
    unreferenced: it is no join."""
    return sum(1 for count in query.alias_refcount.values() if count) > 1


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

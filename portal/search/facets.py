"""Facet counts for the catalog filters: how many results each option of a filter would leave.

Built on the catalog's own django-filter FilterSet, so the counts are, by construction, what the
list shows once that option is chosen: for each facet, the other active filters are applied to the
FilterSet's queryset and every option of the facet is counted in one aggregate query (a filtered
COUNT per option, in one pass over the rows). The number of queries is one per facet, whatever the
size of the catalog.
"""

from dataclasses import dataclass

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter

BOOLEAN_OPTIONS = [("true", _("Yes")), ("false", _("No"))]


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(filterset, names, *, queryset=None, applied=None):
    """{name: [FacetOption, ...]} for the named filters of a bound FilterSet; {} if invalid.

    Counted within `queryset` (the FilterSet's own by default) with the other active filters
    applied: those named in `applied`, or every filter of the FilterSet."""
    if not filterset.is_valid():
        return {}
    base = filterset.queryset if queryset is None else queryset
    applied = filterset.filters if applied is None else applied
    return {name: _facet(filterset, name, base, applied) for name in names}


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
    return [
        (str(value), label, [value] if multiple else field.clean(value))
        for value, label in field.choices
        if value not in ("", None)
    ]


def _facet(filterset, name, base, applied):
    filter_ = filterset.filters[name]
    others = base
    for other, value in filterset.form.cleaned_data.items():
        # The form may carry fields that are not filters (a list/grid switch): they filter nothing.
        if other != name and other in applied and other in filterset.filters:
            others = filterset.filters[other].filter(others, value)
    options = options_of(filter_)
    aggregates, counts = {}, {}
    for index, (_raw, _label, value) in enumerate(options):
        narrowed = filter_.filter(base, value)
        if narrowed.query.is_empty():
            counts[f"option_{index}"] = 0
        else:
            aggregates[f"option_{index}"] = Count("pk", distinct=True, filter=_condition(narrowed))
    if aggregates:
        counts.update(others.aggregate(**aggregates))
    chosen = _chosen(filterset, name)
    return [
        FacetOption(raw, label, counts[f"option_{index}"], raw in chosen)
        for index, (raw, label, _value) in enumerate(options)
    ]


def _condition(narrowed):
    """The rows an option keeps, as the condition of a filtered COUNT: its WHERE clause when it
    needs no join, so every option is counted in the same single pass over the rows; otherwise
    membership in the option's own query (a subquery per option, slower on large tables)."""
    if len(narrowed.query.alias_map) <= 1:
        return narrowed.query.where
    return Q(pk__in=narrowed.values("pk"))


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

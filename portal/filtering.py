"""One rule for every filtered public list: invalid GET filters give an empty list and HTTP 400,
and the template shows the filterset's Russian error messages."""


def filter_or_400(filterset):
    """(filtered queryset, status) for a django-filter FilterSet bound to request.GET."""
    if filterset.is_valid():
        return filterset.qs, 200
    return filterset.queryset.none(), 400

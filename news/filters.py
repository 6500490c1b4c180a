import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from news.models import NewsPage
from portal.filtering import YearFilter


class NewsFilter(django_filters.FilterSet):
    """The news list's filters, as plain GET parameters: ?tag=<topic slug>&year=<year>."""

    tag = django_filters.CharFilter(field_name="tags__slug", label=_("Topic"), max_length=100)
    year = YearFilter(field_name="date", lookup_expr="year", label=_("Year"))

    class Meta:
        model = NewsPage
        fields = ["tag", "year"]
        form = forms.Form

"""The one rule for a typed search query, read by the site search and every catalog's form:
at most PORTAL_SEARCH_MAX_LENGTH characters, and at least one word to search for."""

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.search.backend import WORD


def validate_search_text(text, *, needs_words=True):
    """ValidationError with the Russian reason unless `text` (stripped) may be searched."""
    limit = settings.PORTAL_SEARCH_MAX_LENGTH
    if len(text) > limit:
        raise ValidationError(
            _("The query is too long: please use at most %(limit)d characters.") % {"limit": limit},
            code="max_length",
        )
    if needs_words and not WORD.search(text):
        raise ValidationError(
            _("The query has no words to search for: please type a word."), code="no_words"
        )


def words_of(text):
    """The text's words only: punctuation means nothing to either engine, and some of it (":",
    quotes) is query syntax that would fail."""
    return " ".join(WORD.findall(text))


class SearchTextField(forms.CharField):
    """A search box of a list, checked by validate_search_text. With `words_only`, the value is
    reduced to its words instead, so punctuation alone is no query rather than an error."""

    def __init__(self, *, words_only=False, **kwargs):
        self.words_only = words_only
        kwargs.setdefault("required", False)
        super().__init__(strip=True, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs["maxlength"] = str(settings.PORTAL_SEARCH_MAX_LENGTH)
        return attrs

    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values:
            validate_search_text(value, needs_words=not self.words_only)

    def clean(self, value):
        value = super().clean(value)
        return words_of(value) if self.words_only else value


class SearchTextFilter(django_filters.CharFilter):
    """A catalog's text query (?q=) as a filter of its FilterSet, read with SearchTextField."""

    field_class = SearchTextField

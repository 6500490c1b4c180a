"""Latin page addresses from Russian titles: «Открытая администрация» → otkrytaya-administraciya.

`WAGTAIL_ALLOW_UNICODE_SLUGS = False` makes the admin fill the slug in Latin letters as an editor
types the title; the page form gives its slug field this module's table, so what the browser
fills in is what the server would make. The server does the same for a page saved with an empty
slug or one in Cyrillic (a form sent without JavaScript, a page created in code), so no address
becomes /news/%D0%BE%D0%B1…/.
"""

import re

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput

# The demo's style (and the common one of Russian sites): ц → c, х → h, щ → shch, й → y, ё → e.
TRANSLITERATION = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
MAX_LENGTH = 255  # Page.slug


def latin_slug(text):
    """A slug of Latin letters, digits and hyphens: «Молодёжный совет» → molodezhnyy-sovet."""
    latin = "".join(TRANSLITERATION.get(char, char) for char in str(text).lower())
    return slugify(latin)[:MAX_LENGTH].strip("-")


def unique_slug(model, name, fallback, *, reserved=()):
    """A free slug for a new `model` row (not a page) called `name`: «Пасека» → "paseka", then
    "paseka-2"… while taken or in `reserved`; `fallback` when no Latin letter is left."""
    base = slugify(anyascii(name))[:100] or fallback
    slug, number = base, 1
    while slug in reserved or model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


# The same table for the admin's slug field, which applies these before its own transliteration.
BROWSER_FORMATTERS = [
    (re.escape(cyrillic), latin, "giu") for cyrillic, latin in TRANSLITERATION.items()
]


class LatinSlugPageForm(WagtailAdminPageForm):
    """The page form: an empty slug is made from the title, a Cyrillic one is transliterated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].widget = SlugInput(formatters=BROWSER_FORMATTERS)

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug and slug.isascii():
            return slug
        title = self.cleaned_data.get("title") or self.data.get("title") or ""
        latin = latin_slug(slug or title)
        if not latin:
            raise ValidationError(self.fields["slug"].error_messages["required"], "required")
        if slug:
            # The editor's own choice, transliterated: a clash is reported, not renumbered.
            return latin
        return _free_slug(latin, self.parent_page, self.instance)


def _free_slug(base, parent, page):
    slug, number = base, 1
    while not page._slug_is_available(slug, parent, page):
        number += 1
        slug = f"{base}-{number}"
    return slug


class LatinSlugPage:
    """Mixed into every page type: its admin form and any save give it a Latin slug."""

    base_form_class = LatinSlugPageForm

    def full_clean(self, *args, **kwargs):
        if self.slug and not self.slug.isascii():
            self.slug = latin_slug(self.slug) or self.slug
        elif not self.slug and (self.path or getattr(self, "_cached_parent_obj", None)):
            # Before Wagtail fills it: its slugify would drop the Cyrillic and keep only digits.
            latin = latin_slug(self.title)
            if latin:
                self.slug = _free_slug(latin, self.get_parent(), self)
        super().full_clean(*args, **kwargs)

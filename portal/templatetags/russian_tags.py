"""Template filters for Russian text built from stored words (portal.russian)."""

from django import template

from portal import russian

register = template.Library()


@register.filter
def accusative(phrase):
    """«за {{ product.unit|accusative }}»: «банка 0,5 л» → «банку 0,5 л»."""
    return russian.accusative_phrase(str(phrase)) if phrase else phrase


@register.filter
def quoted(name):
    """«{{ name }}» with the name's own quotes as „…“: «ТОС „Лоо“»."""
    return russian.quoted(name)


@register.filter
def inner_quotes(name):
    """For a name that a translated sentence already puts in «…»: ТОС «Лоо» → ТОС „Лоо“."""
    return russian.inner_quotes(name)

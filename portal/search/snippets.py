"""The passage shown under each site search result: the words around the first match of the
query, from the start of their sentence when it is near, with the title not repeated."""

import re

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import Truncator
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from portal.search.backend import WORD, is_title_field, stem
from portal.templatetags.portal_tags import highlight

SNIPPET_WORDS = 30
# The snippet starts this many words before the first match, so the match reads in context.
WORDS_BEFORE_MATCH = 8
# …or from the start of the match's sentence, when it begins at most this many words before.
SENTENCE_LOOKBACK = 15
# What follows a title used as a label: «Пасека Ивановых: …», «Сквер. …», or nothing more.
TITLE_LABEL = re.compile(r"\s*[.,:;—–-]\s*|\s*$")
# What ends a sentence: its mark, perhaps a closing quote or bracket, a space.
SENTENCE_END = re.compile(r"[.!?…][»\")]*\s+$")


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

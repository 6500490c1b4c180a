"""Russian text analysis shared by every search document and by Wagtail's site search index.

Stemming and stop words are Elasticsearch's own Russian ones; ё is folded into е by a character
mapping before tokenising (no ICU plugin needed), so "ёлка" and "елка" are the same word.
"""

from elasticsearch_dsl import analyzer, char_filter, token_filter

YO_TO_YE = char_filter("yo_to_ye", type="mapping", mappings=["ё => е", "Ё => Е"])
RUSSIAN_STOP = token_filter("russian_stop", type="stop", stopwords="_russian_")
RUSSIAN_STEMMER = token_filter("russian_stemmer", type="stemmer", language="russian")

russian = analyzer(
    "russian_text",
    tokenizer="standard",
    char_filter=[YO_TO_YE],
    filter=["lowercase", RUSSIAN_STOP, RUSSIAN_STEMMER],
)


def wagtail_index_settings():
    """INDEX_SETTINGS for Wagtail's elasticsearch8 backend: Russian as the default analyzer, so
    every page and snippet field Wagtail indexes is stemmed like the catalogs."""
    definition = russian.get_analysis_definition()
    return {
        "settings": {
            "analysis": {
                "char_filter": definition["char_filter"],
                "filter": definition["filter"],
                "analyzer": {"default": russian.get_definition()},
            }
        }
    }

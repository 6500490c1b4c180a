"""The base of every search document and the registry of documents in use.

A document names its Django model, the queryset of records the public may see, and how each field
is prepared: `prepare_<field>(obj)` when defined, otherwise the model attribute of the same name.
Only what `public_queryset()` returns is ever indexed; anything else is removed from the index.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from elasticsearch_dsl import Document, Integer


class CatalogDocument(Document):
    """Subclasses set `django_model`, `Index.name`, fields and `public_queryset()`.

    `related_models` maps another model to a function giving the pks of this document's records
    that change with it (a facility's replanning moves its date without saving the facility).
    """

    # The primary key, stored as a field too: Elasticsearch 8 does not sort on _id.
    pk = Integer()

    django_model = None
    related_models = {}

    @classmethod
    def public_queryset(cls):
        return cls.django_model._default_manager.all()

    @classmethod
    def from_object(cls, obj):
        """The document for a public record, every field through its prepare_* or attribute."""
        document = cls(meta={"id": obj.pk})
        for name in cls._doc_type.mapping:
            preparer = getattr(cls, f"prepare_{name}", None)
            value = preparer(document, obj) if preparer else getattr(obj, name)
            setattr(document, name, value)
        return document

    def prepare_pk(self, obj):
        return obj.pk

    @classmethod
    def label(cls):
        return cls.django_model._meta.label


def registered_documents():
    """The document classes in ELASTICSEARCH_DOCUMENTS, in that order."""
    return [import_string(path) for path in getattr(settings, "ELASTICSEARCH_DOCUMENTS", [])]


def document_for_label(label):
    """The registered document of the model "app_label.ModelName", or None."""
    for document in registered_documents():
        if document.label() == label:
            return document
    return None

"""Producers, products and fairs of "Выбирай сочинское!", their moderation and the section page."""

from producers.models.catalog import (
    Availability,
    Category,
    LegalForm,
    Producer,
    ProducerPhoto,
    ProducerQuerySet,
    Product,
    ProductPhoto,
    ProductQuerySet,
    check_legal_numbers,
    visible_products,
)
from producers.models.fairs import Fair, FairDay, FairFormat, FairSchedule, RosterEntry
from producers.models.moderation import ChangeRequest, ModerationStatus, RequestStatus
from producers.models.pages import ProducerIndexPage

__all__ = [
    "Availability",
    "Category",
    "ChangeRequest",
    "Fair",
    "FairDay",
    "FairFormat",
    "FairSchedule",
    "LegalForm",
    "ModerationStatus",
    "Producer",
    "ProducerIndexPage",
    "ProducerPhoto",
    "ProducerQuerySet",
    "Product",
    "ProductPhoto",
    "ProductQuerySet",
    "RequestStatus",
    "RosterEntry",
    "check_legal_numbers",
    "visible_products",
]

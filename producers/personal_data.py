"""What the producer directory keeps about a person (portal.personal_data).

A producer card is a business's public record, published under the "producer" consent: its
name, legal details and contacts name a person when the producer is self-employed or a sole
trader, so they are exported. The rest of the card (description, places, products) is business
data, not the person's. Deleting the account does not remove the card from the directory: it
loses the link to the account, and the consumer market department removes it on request.
"""

from django.utils.translation import gettext_lazy as _

from portal.personal_data import Holding, outside, record, register
from producers.models import Category, ChangeRequest, Fair, Producer, Product

PRODUCER_FIELDS = (
    "owner",
    "name",
    "legal_form",
    "legal_name",
    "inn",
    "ogrn",
    "address",
    "phone",
    "email",
    "website",
    "vk_url",
    "telegram",
    "consent_version",
    "consented_at",
    "status",
)
BUSINESS_CARD = "the producer's public card: business data, published in the directory"
REQUEST_FIELDS = ("submitted_by", "submitted_at", "status", "reason")
STAFF_SIGNATURE = "the staff member who decided: a record of their work"
PUBLIC_RECORD = "a public record of the directory or the fairs, not about a resident"


def _producers(person):
    return person.accounts_rows(Producer.objects, "owner").select_related("owner")


def _requests(person):
    return person.accounts_rows(ChangeRequest.objects, "submitted_by").select_related(
        "submitted_by"
    )


def export(person):
    return [record(producer, PRODUCER_FIELDS) for producer in _producers(person)] + [
        record(request, REQUEST_FIELDS) for request in _requests(person)
    ]


def erase(person):
    _requests(person).update(submitted_by=None)
    _producers(person).update(owner=None)


def section(person):
    producers = list(_producers(person))
    return {"producers": producers} if producers else None


KEPT_OUT_OF_CARD = {
    field.name: BUSINESS_CARD
    for field in Producer._meta.local_concrete_fields
    if field.name not in PRODUCER_FIELDS
}
register(
    Holding(
        code="producers.cabinet",
        title=_("Producer cabinet"),
        on_deletion=_(
            "The producer card stays in the «Выбирай сочинское!» directory as the business's "
            "public record, no longer linked to your account; the consumer market department "
            "removes it on request. The moderation requests you sent lose your name."
        ),
        fields={Producer: PRODUCER_FIELDS, ChangeRequest: REQUEST_FIELDS},
        kept_out={
            Producer: KEPT_OUT_OF_CARD,
            ChangeRequest: {
                "id": "the row's number",
                "producer": "the card above",
                "product": "a product of the card",
                "data": "the proposed values of the card: business data",
                "created_at": "the portal's bookkeeping",
                "decided_at": "the moderator's decision",
                "decided_by": STAFF_SIGNATURE,
            },
        },
        export=export,
        erase=erase,
        template="producers/profile/cabinet.html",
        section=section,
        order=60,
    )
)
for model, names in (
    (Fair, ("name", "address", "phone", "email")),
    (Category, ("name",)),
    (Product, ("name",)),
):
    outside(model, dict.fromkeys(names, PUBLIC_RECORD))

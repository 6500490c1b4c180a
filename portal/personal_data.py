"""What the portal keeps about a person (152-ФЗ), declared by the apps that keep it.

Every app that stores personal data declares each kind of record as a `Holding` in its
`personal_data.py` and registers it there with `register(...)`; the modules are imported when the
portal starts (PortalConfig.ready autodiscovers them), so the registry knows every holding without
`portal` or `accounts` naming an app. The resident's page (/accounts/profile/), the download of
everything we hold and the deletion of the account read the registry only.

A person is an account and the e-mail addresses they have confirmed: records sent before signing
up (an adoption application, a subscription) belong to them through the confirmed address.

`fields` names, for every model the holding reads, the fields that are exported as personal data;
`kept_out` names the fields of those models that are not personal (ids, states, dates of the
portal's own doing), each with the reason. tests/portal/test_personal_data.py fails when a model
that can hold personal data has a field in neither, so a new personal field cannot be added
without being exported. A model that has such fields but keeps nothing about a resident (a fair's
phone, a staff member's signature under a decision) is declared with `outside(...)`, naming those
fields with the reason.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import PhoneNumber

from portal.models import OutboundEmail, SiteSettings, SubscriptionDigest


@dataclass(frozen=True)
class Person:
    """Whose data: the account (None for a visitor known only by address) and confirmed e-mails."""

    user: object | None
    emails: frozenset[str]
    # Section pages the profile's sections link to, read once however many sections ask.
    _pages: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, user):
        """The signed-in account and its confirmed addresses (allauth), lower-cased."""
        from allauth.account.models import EmailAddress

        emails = EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
        return cls(user=user, emails=frozenset(email.lower() for email in emails))

    def section_page(self, page_class):
        """The live page of `page_class` (a section's index), read once per person."""
        if page_class not in self._pages:
            self._pages[page_class] = page_class.objects.live().first()
        return self._pages[page_class]

    def accounts_rows(self, queryset, field):
        """The rows of `queryset` whose `field` is this person's account; none without one (a
        filter on None would match every row whose account was removed)."""
        if self.user is None:
            return queryset.none()
        return queryset.filter(**{field: self.user})


@dataclass(frozen=True)
class Holding:
    """One kind of record about a person, and what the portal does with it on request."""

    # Stable key, e.g. "shelter.applications": names the part of the download.
    code: str
    # For the resident: «Заявки на усыновление».
    title: str
    # What deletion of the account does to these records, said before the person confirms.
    on_deletion: str
    # model → names of its fields that are exported; model → {field name: why it is not personal}.
    fields: dict[type[Model], tuple[str, ...]]
    kept_out: dict[type[Model], dict[str, str]] = field(default_factory=dict)
    # The person's records as JSON-ready dicts (every name in `fields` appears in them).
    export: Callable[[Person], list[dict]] = lambda person: []
    # Delete or anonymise the person's records; runs inside the deletion's transaction.
    erase: Callable[[Person], None] = lambda person: None
    # The profile's section: template and its context (None: nothing to show for this person).
    template: str = ""
    section: Callable[[Person], dict | None] = lambda person: None
    # Order on the profile page and in the download (lower first).
    order: int = 100

    def labels(self) -> dict[str, str]:
        """Field name → its label, for the readable download."""
        return {
            name: str(model._meta.get_field(name).verbose_name)
            for model, names in self.fields.items()
            for name in names
        }


# The key of a record's kind in an export (no model has a field of that name).
KIND = "kind"
_holdings: dict[str, Holding] = {}
_outside: dict[type[Model], dict[str, str]] = {}


def register(*holdings: Holding) -> None:
    for holding in holdings:
        _holdings[holding.code] = holding


def outside(model: type[Model], reasons: dict[str, str]) -> None:
    """`model` has fields that look personal but hold nothing about a resident: field → why."""
    _outside[model] = reasons


def holdings() -> list[Holding]:
    return sorted(_holdings.values(), key=lambda holding: (holding.order, holding.code))


def outside_models() -> dict[type[Model], dict[str, str]]:
    return dict(_outside)


def record(instance: Model, names: Iterable[str]) -> dict:
    """The named fields of `instance` as JSON-ready values (a related record by its name), with
    the kind of record it is under "kind"."""
    values = {name: _json_value(_readable(instance, name)) for name in names}
    return {KIND: str(instance._meta.verbose_name), **values}


def _readable(instance, name):
    """A field's value; a choice by its label («подана», not "submitted"), as the person saw it."""
    if instance._meta.get_field(name).choices and getattr(instance, name) not in (None, ""):
        return str(getattr(instance, f"get_{name}_display")())
    return getattr(instance, name)


def _json_value(value):
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, PhoneNumber):
        return value.as_e164
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def export(person: Person) -> dict[str, list[dict]]:
    """Everything held about the person, by holding code."""
    return {holding.code: holding.export(person) for holding in holdings()}


def download(person: Person) -> dict:
    """The download: every holding's export with its title, the date and the portal's name."""
    return {
        "portal": settings.WAGTAIL_SITE_NAME,
        "exported_at": timezone.now().isoformat(),
        "holdings": {
            holding.code: {"title": str(holding.title), "records": holding.export(person)}
            for holding in holdings()
        },
    }


def sections(person: Person) -> list[tuple[Holding, dict]]:
    """The profile's sections: each holding with something to show, and its context."""
    shown = []
    for holding in holdings():
        context = holding.section(person) if holding.template else None
        if context is not None:
            shown.append((holding, context))
    return shown


def erase(person: Person, only: Iterable[str] | None = None) -> None:
    for holding in holdings():
        if only is None or holding.code in only:
            holding.erase(person)


# The portal's own records: the e-mails it wrote to the person, and the city's contacts.
MAIL_FIELDS = ("to", "reply_to", "subject", "body", "html_body", "created_at", "sent_at")


def _mails(person):
    return OutboundEmail.objects.filter(to__in=person.emails).order_by("created_at", "pk")


register(
    Holding(
        code="portal.mail",
        title=_("E-mails the portal sent you"),
        on_deletion=_(
            "The copies of e-mails to your confirmed addresses are deleted, including those not "
            "sent yet."
        ),
        fields={OutboundEmail: MAIL_FIELDS},
        kept_out={
            OutboundEmail: {
                "id": "the row's number",
                "headers": "technical headers (unsubscribe links)",
                "template": "which of the portal's templates wrote it",
                "status": "the sender's bookkeeping",
                "attempts": "the sender's bookkeeping",
                "last_error": "the mail server's answer, for staff",
                "claimed_at": "the sender's bookkeeping",
                "retry_at": "the sender's bookkeeping",
            }
        },
        export=lambda person: [record(mail, MAIL_FIELDS) for mail in _mails(person)],
        erase=lambda person: _mails(person).delete(),
        order=900,
    )
)
outside(
    SiteSettings,
    {name: "the city administration's public contacts" for name in ("address", "phone", "email")},
)
outside(
    SubscriptionDigest,
    {"email": "the digest's row in the outbox, exported with the e-mails the portal sent"},
)

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
without being exported.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model


@dataclass(frozen=True)
class Person:
    """Whose data: the account (None for a visitor known only by address) and confirmed e-mails."""

    user: object | None
    emails: frozenset[str]

    @classmethod
    def of(cls, user):
        """The signed-in account and its confirmed addresses (allauth), lower-cased."""
        from allauth.account.models import EmailAddress

        emails = EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
        return cls(user=user, emails=frozenset(email.lower() for email in emails))


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


_holdings: dict[str, Holding] = {}


def register(*holdings: Holding) -> None:
    for holding in holdings:
        _holdings[holding.code] = holding


def holdings() -> list[Holding]:
    return sorted(_holdings.values(), key=lambda holding: (holding.order, holding.code))


def export(person: Person) -> dict[str, list[dict]]:
    """Everything held about the person, by holding code."""
    return {holding.code: holding.export(person) for holding in holdings()}


def erase(person: Person, only: Iterable[str] | None = None) -> None:
    for holding in holdings():
        if only is None or holding.code in only:
            holding.erase(person)

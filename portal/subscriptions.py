"""E-mail subscriptions, shared by every section that has them (news, calendar, shelter).

A subscription is an address and what it wants, with double opt-in: it is made unconfirmed, a
confirmation letter with a private link goes out (nothing else is sent before), and a POST from
that link's page confirms it. Every letter after that carries a way out: the page with one button
in the footer and the RFC 8058 one-click address in the List-Unsubscribe headers
(portal.mail.Unsubscribe), which mail clients POST to without a CSRF token; the unguessable token
is the authorisation.

A section describes its subscriptions once as a `SubscriptionKind` (model, form, letters, where its
pages are) and registers it in `<app>/subscriptions.py`; the shared views
(portal.subscription_views) and the digests (portal.digests) read the kind.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from portal.consent import current as current_consent
from portal.forms import HoneypotMixin, OwnIdsMixin
from portal.mail import Unsubscribe
from portal.public_url import absolute
from portal.tokens import new_token


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def of(self, emails):
        """The subscriptions of these (lower-cased) addresses: a person's, by their e-mails."""
        return self.filter(email__in=emails)


class Subscription(models.Model):
    """An address, its consent (152-ФЗ) and its state: made, confirmed, unsubscribed."""

    email = models.EmailField(gettext_lazy("e-mail"))
    token = models.CharField(
        gettext_lazy("key"), max_length=64, unique=True, default=new_token, editable=False
    )
    consent_version = models.CharField(gettext_lazy("consent version"), max_length=20)
    consented_at = models.DateTimeField(gettext_lazy("consented"))
    created_at = models.DateTimeField(gettext_lazy("created"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(
        gettext_lazy("confirmed"), null=True, blank=True, editable=False
    )
    unsubscribed_at = models.DateTimeField(
        gettext_lazy("unsubscribed"), null=True, blank=True, editable=False
    )

    objects = SubscriptionQuerySet.as_manager()

    # Fields a subclass sets in confirm() besides the confirmation itself.
    confirm_also = ()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @classmethod
    def start(cls, email, **wants):
        """A new unconfirmed subscription of `email`, with the consent in force now."""
        return cls.objects.create(
            email=email.strip().lower(),
            consent_version=current_consent("subscription").version,
            consented_at=timezone.now(),
            **wants,
        )

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def confirm(self):
        if self.confirmed_at is None:
            self.confirmed_at = timezone.now()
            self.unsubscribed_at = None
            self.save(update_fields=["confirmed_at", "unsubscribed_at", *self.confirm_also])

    def unsubscribe(self):
        if self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["unsubscribed_at"])


class Frequency(models.TextChoices):
    DAILY = "daily", gettext_lazy("Daily")
    WEEKLY = "weekly", gettext_lazy("Weekly")


class DigestSubscription(Subscription):
    """A subscription to a digest of what changed in a section, daily or weekly (portal.digests)."""

    frequency = models.CharField(
        gettext_lazy("frequency"), max_length=10, choices=Frequency.choices
    )

    class Meta(Subscription.Meta):
        abstract = True


class DigestSubscriptionForm(OwnIdsMixin, HoneypotMixin, forms.Form):
    """The fields every digest subscription asks for; a section adds what is subscribed to."""

    # The model fields wants() fills: the subscription's choices (exported as personal data).
    wanted_fields = ("frequency",)

    # Its own element ids: the form sits beside the list's filters, which have a district too.
    id_prefix = "subscribe"

    email = forms.EmailField(
        label=gettext_lazy("Your e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Enter your e-mail address."),
            "invalid": gettext_lazy("Enter an e-mail address such as name@example.ru."),
        },
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose how often to write."),
            "invalid_choice": gettext_lazy("Choose daily or weekly."),
        },
    )
    consent = forms.BooleanField(
        label=gettext_lazy("I agree to the processing of my e-mail address"),
        required=True,
        error_messages={
            "required": gettext_lazy("Without your consent we cannot send you e-mails.")
        },
    )

    def wants(self):
        """What the subscription is for, as the model's fields (beyond e-mail and consent)."""
        return {"frequency": self.cleaned_data["frequency"]}


@dataclass(frozen=True)
class SubscriptionKind:
    """One section's subscriptions, as the shared views, letters and digests need them."""

    # Stable key: the digests' records and the one-click address name it ("news").
    code: str
    # The section's name for its letters, as the pages head them: «Новости по почте».
    title: str
    model: type[DigestSubscription]
    form: type[DigestSubscriptionForm]
    # The section's live index page, whose routes serve the subscription pages (or None).
    index_page: Callable[[], object]
    # What changed in [start, end) that this subscription wants, as DigestItems; [] for nothing.
    digest_items: Callable[[DigestSubscription, object, object], list]
    # What it is subscribed to, in words («Новости: Экология, раз в неделю»).
    describe: Callable[[DigestSubscription], str]

    def page_url(self, path=""):
        page = self.index_page()
        return absolute(f"{page.url if page is not None else '/'}{path}")

    def confirm_url(self, subscription):
        return self.page_url(f"subscriptions/{subscription.token}/confirm/")

    def unsubscribe(self, subscription):
        return Unsubscribe(
            page_url=self.page_url(f"subscriptions/{subscription.token}/unsubscribe/"),
            one_click_url=absolute(
                reverse("one_click_unsubscribe", args=[self.code, subscription.token])
            ),
        )


@dataclass(frozen=True)
class DigestItem:
    """One line of a digest: what it is, an absolute link, and a note («введён 3 марта»)."""

    title: str
    url: str
    note: str = ""


_kinds: dict[str, SubscriptionKind] = {}


def register(kind):
    _kinds[kind.code] = kind
    return kind


def kinds():
    return list(_kinds.values())


def kind(code):
    return _kinds[code]


def unsubscribe_at_once(model, request, token):
    """Answer an RFC 8058 one-click POST for a subscription of `model`: unsubscribed, no page."""
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    subscription = get_object_or_404(model, token=token)
    subscription.unsubscribe()
    return HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8")


@csrf_exempt
def one_click_unsubscribe(request, code, token):
    """The one-click address of every registered kind: mail clients POST here without a page or
    a CSRF token; the unguessable token is the authorisation."""
    if code not in _kinds:
        raise Http404
    return unsubscribe_at_once(_kinds[code].model, request, token)


def holding(kind, title, order):
    """What a section's digest subscriptions keep about a person (portal.personal_data): the
    subscriptions of their confirmed addresses, exported, shown with their unsubscribe links and
    deleted with the account."""
    from portal.personal_data import Holding, record

    model = kind.model
    exported = (
        "email",
        *kind.form.wanted_fields,
        "consent_version",
        "consented_at",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    )

    def records(person):
        return list(model.objects.of(person.emails).order_by("created_at", "pk"))

    def export(person):
        return [
            {
                **record(subscription, exported),
                "subscribed_to": kind.describe(subscription),
            }
            for subscription in records(person)
        ]

    def section(person):
        subscriptions = records(person)
        if not subscriptions:
            return None
        return {
            "code": kind.code,
            "title": title,
            "subscriptions": [
                (subscription, kind.describe(subscription), kind.unsubscribe(subscription))
                for subscription in subscriptions
            ],
        }

    return Holding(
        code=f"{kind.code}.subscriptions",
        title=title,
        on_deletion=gettext_lazy("Deleted: no more letters are sent."),
        fields={model: exported},
        kept_out={
            model: {
                "id": "the record's number",
                "token": "the private key of the links in the letters: a credential, not data "
                "about the person; exporting it would spread it",
            }
        },
        export=export,
        erase=lambda person: model.objects.of(person.emails).delete(),
        template="portal/subscriptions/profile_section.html",
        section=section,
        order=order,
    )

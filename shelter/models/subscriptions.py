""" "New arrivals" subscriptions: an e-mail and a saved catalog filter, with double opt-in."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shelter.models.tokens import new_token

MAX_QUERY_LENGTH = 500


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    email = models.EmailField(_("e-mail"))
    query = models.CharField(
        _("catalog filter"),
        max_length=MAX_QUERY_LENGTH,
        blank=True,
        help_text=_("The catalog's query string, such as species=cat&age=baby."),
    )
    token = models.CharField(
        _("key"), max_length=64, unique=True, default=new_token, editable=False
    )
    consent_version = models.CharField(_("consent version"), max_length=20)
    consented_at = models.DateTimeField(_("consented"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True, editable=False)
    # New pets published after this moment are the next mail's news.
    last_sent_at = models.DateTimeField(_("last mailed"), null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("new arrivals subscription")
        verbose_name_plural = _("new arrivals subscriptions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email}: {self.query or '—'}"

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def confirm(self):
        if self.confirmed_at is None:
            self.confirmed_at = self.last_sent_at = timezone.now()
            self.unsubscribed_at = None
            self.save(update_fields=["confirmed_at", "last_sent_at", "unsubscribed_at"])

    def unsubscribe(self):
        if self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["unsubscribed_at"])

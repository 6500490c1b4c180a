""" "New arrivals" subscriptions: an e-mail and a saved catalog filter, with double opt-in
(portal.subscriptions)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.subscriptions import Subscription as PortalSubscription
from shelter.models.tokens import new_token  # noqa: F401 (named by migration 0001)

MAX_QUERY_LENGTH = 500


class Subscription(PortalSubscription):
    query = models.CharField(
        _("catalog filter"),
        max_length=MAX_QUERY_LENGTH,
        blank=True,
        help_text=_("The catalog's query string, such as species=cat&age=baby."),
    )
    # New pets published after this moment are the next mail's news.
    last_sent_at = models.DateTimeField(_("last mailed"), null=True, blank=True, editable=False)

    confirm_also = ("last_sent_at",)

    class Meta(PortalSubscription.Meta):
        verbose_name = _("new arrivals subscription")
        verbose_name_plural = _("new arrivals subscriptions")

    def __str__(self):
        return f"{self.email}: {self.query or '—'}"

    def confirm(self):
        # The first new-arrivals mail lists pets published after the confirmation.
        if self.confirmed_at is None:
            self.last_sent_at = timezone.now()
        super().confirm()

"""The calendar by e-mail: a digest of one district's facilities (or of all) and the city's
events, daily or weekly (portal.subscriptions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.districts import District
from portal.subscriptions import DigestSubscription


class CalendarSubscription(DigestSubscription):
    # Empty: every district.
    district = models.CharField(_("district"), max_length=20, choices=District.choices, blank=True)

    class Meta(DigestSubscription.Meta):
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self):
        return f"{self.email}: {self.get_district_display() or '—'}"

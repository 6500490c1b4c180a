"""The calendar by e-mail (portal.subscriptions): facilities of a district (or of all) whose plan,
progress or commissioning changed, and the city's events added or changed, daily or weekly.

City events have no district (a fair or an exhibition is for the whole city), so every calendar
digest lists them.
"""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calendar_pages.models import CalendarIndexPage, CalendarSubscription, CityEvent, Facility
from portal.districts import District
from portal.public_url import absolute
from portal.section_pages import live_index_page
from portal.subscriptions import DigestItem, DigestSubscriptionForm, SubscriptionKind, register


class CalendarSubscriptionForm(DigestSubscriptionForm):
    district = forms.ChoiceField(
        label=gettext_lazy("District"),
        choices=[("", gettext_lazy("All districts")), *District.choices],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a district from the list.")},
    )
    field_order = ["email", "district", "frequency", "consent"]
    wanted_fields = ("frequency", "district")

    def wants(self):
        return {**super().wants(), "district": self.cleaned_data["district"]}


def index_page():
    return live_index_page(CalendarIndexPage)


def digest_items(subscription, start, end):
    """Facilities of the district and city events changed in [start, end)."""
    page = index_page()
    facilities = Facility.objects.filter(updated_at__gte=start, updated_at__lt=end)
    if subscription.district:
        facilities = facilities.filter(district=subscription.district)
    events = CityEvent.objects.filter(updated_at__gte=start, updated_at__lt=end)
    calendar_url = absolute(page.url if page is not None else "/")
    return [
        *(
            DigestItem(
                facility.name, absolute(facility.get_absolute_url(page) or "/"), state(facility)
            )
            for facility in facilities.order_by("district", "name")
        ),
        *(
            DigestItem(
                event.display_title, absolute(event.link_url or calendar_url), when_and_where(event)
            )
            for event in events.order_by("starts_at", "title")
        ),
    ]


def state(facility):
    """The facility's news in words: commissioned on a date, or the planned date."""
    if facility.commissioned_on:
        return _("commissioned %(date)s") % {"date": formats.date_format(facility.commissioned_on)}
    return _("planned for %(date)s") % {"date": formats.date_format(facility.planned_on)}


def when_and_where(event):
    """«28 ноября 2026 г., Привокзальная площадь»: the calendar's date span is HTML, a letter's
    text is not."""
    starts_on = formats.date_format(timezone.localtime(event.starts_at).date())
    return f"{starts_on}, {event.place}"


def describe(subscription):
    district = subscription.get_district_display() or _("all districts")
    return _("the calendar, %(district)s, %(frequency)s") % {
        "district": district,
        "frequency": subscription.get_frequency_display().lower(),
    }


CALENDAR = register(
    SubscriptionKind(
        code="calendar",
        title=gettext_lazy("The calendar by e-mail"),
        model=CalendarSubscription,
        form=CalendarSubscriptionForm,
        index_page=index_page,
        digest_items=digest_items,
        describe=describe,
    )
)

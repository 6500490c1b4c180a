"""Facility rules: public replanning history, the lateness flag, what opens next."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from calendar_pages.models import (
    Facility,
    FacilityReplan,
    FacilityStatus,
    Lateness,
    lateness_of,
    upcoming_facilities,
)
from tests.calendar_pages.factories import FacilityFactory

pytestmark = pytest.mark.django_db

ORIGINAL = datetime.date(2026, 12, 15)


def day(text):
    return datetime.date.fromisoformat(text)


class TestReplanning:
    def test_new_facility_is_planned_on_its_original_date(self):
        facility = FacilityFactory(planned_on_original=ORIGINAL)
        assert facility.planned_on == ORIGINAL
        assert not facility.replans.exists()

    def test_replan_records_the_change_and_moves_the_current_date(self, admin_user):
        facility = FacilityFactory(planned_on_original=ORIGINAL)
        first = facility.replan(day("2027-02-01"), "Перенос поставки лифтов", by=admin_user)
        second = facility.replan(
            day("2027-03-15"),
            "Перенос сроков поставки оборудования, протокол № 12",
            by=admin_user,
            document_reference="протокол № 12 от 20.01.2027",
        )
        facility.refresh_from_db()
        assert facility.planned_on == day("2027-03-15")
        assert facility.planned_on_original == ORIGINAL
        assert list(facility.replans.all()) == [first, second]
        assert (first.previous_planned_on, first.new_planned_on) == (ORIGINAL, day("2027-02-01"))
        assert second.previous_planned_on == day("2027-02-01")
        assert second.recorded_by == admin_user
        assert second.shift_days == 42

    def test_current_planned_date_is_the_latest_replans_new_date(self, admin_user):
        facility = FacilityFactory(planned_on_original=ORIGINAL)
        for new_date in ["2027-01-10", "2026-12-30", "2027-04-01"]:
            facility.replan(day(new_date), "Уточнение графика", by=admin_user)
        latest = FacilityReplan.objects.filter(facility=facility).last()
        assert Facility.objects.get(pk=facility.pk).planned_on == latest.new_planned_on

    @pytest.mark.parametrize("reason", ["", "   ", None])
    def test_replan_without_a_reason_is_refused(self, admin_user, reason):
        facility = FacilityFactory(planned_on_original=ORIGINAL)
        with pytest.raises(ValidationError):
            facility.replan(day("2027-02-01"), reason, by=admin_user)
        assert not facility.replans.exists()
        assert Facility.objects.get(pk=facility.pk).planned_on == ORIGINAL

    def test_replan_to_the_same_date_is_refused(self, admin_user):
        facility = FacilityFactory(planned_on_original=ORIGINAL)
        with pytest.raises(ValidationError):
            facility.replan(ORIGINAL, "Без изменений", by=admin_user)

    def test_commissioned_facility_cannot_be_replanned(self, admin_user):
        facility = FacilityFactory(
            planned_on_original=day("2026-06-01"),
            commissioned_on=day("2026-06-01"),
            status=FacilityStatus.COMMISSIONED,
        )
        with pytest.raises(ValidationError):
            facility.replan(day("2026-07-01"), "Поздно", by=admin_user)

    def test_saving_the_facility_never_changes_the_planned_date(self, admin_user):
        facility = FacilityFactory(planned_on_original=ORIGINAL)
        facility.replan(day("2027-02-01"), "Перенос", by=admin_user)
        stale = Facility.objects.get(pk=facility.pk)
        stale.planned_on_original = day("2027-02-01")
        stale.save()
        assert Facility.objects.get(pk=facility.pk).planned_on == day("2027-02-01")


def flag(today, **fields):
    fields.setdefault("planned_on_original", ORIGINAL)
    fields.setdefault("planned_on", fields["planned_on_original"])
    fields.setdefault("progress", 90)
    facility = Facility(**fields)
    with time_machine.travel(datetime.datetime.combine(day(today), datetime.time(12)), tick=False):
        return lateness_of(facility)


class TestLateness:
    @pytest.mark.parametrize(
        ("today", "expected"),
        [
            ("2026-11-14", Lateness.GREEN),  # 31 days before the plan
            ("2026-11-15", Lateness.GREEN),  # 30 days before, but 90 % done
            ("2026-12-15", Lateness.GREEN),  # the planned day itself is not late
            ("2026-12-16", Lateness.RED),  # the day after is
        ],
    )
    def test_around_the_planned_date(self, today, expected):
        assert flag(today) == expected

    @pytest.mark.parametrize(
        ("today", "progress", "expected"),
        [
            ("2026-11-14", 10, Lateness.GREEN),  # 31 days to go
            ("2026-11-15", 10, Lateness.AMBER),  # 30 days to go, little done
            ("2026-11-15", 79, Lateness.AMBER),
            ("2026-11-15", 80, Lateness.GREEN),
        ],
    )
    def test_due_within_30_days_with_little_done_is_at_risk(self, today, progress, expected):
        assert flag(today, progress=progress) == expected

    def test_moved_plan_is_at_risk_until_it_passes(self):
        moved = {"planned_on": day("2027-02-01")}
        assert flag("2026-12-20", **moved) == Lateness.AMBER
        assert flag("2027-02-01", **moved) == Lateness.AMBER
        assert flag("2027-02-02", **moved) == Lateness.RED

    def test_forecast_later_than_the_original_plan_is_at_risk(self):
        assert flag("2026-10-01", forecast_on=day("2026-12-16")) == Lateness.AMBER
        assert flag("2026-10-01", forecast_on=day("2026-12-15")) == Lateness.GREEN

    @pytest.mark.parametrize(
        ("commissioned_on", "expected"),
        [
            ("2026-12-14", Lateness.GREEN),
            ("2026-12-15", Lateness.GREEN),
            ("2026-12-16", Lateness.RED),
        ],
    )
    def test_commissioned_is_judged_against_the_original_plan(self, commissioned_on, expected):
        # Even after a replan: opening after the original plan is late.
        fields = {"commissioned_on": day(commissioned_on), "planned_on": day("2027-01-01")}
        assert flag("2027-03-01", **fields) == expected

    def test_days_late_counts_from_the_original_plan(self):
        facility = Facility(planned_on_original=ORIGINAL, planned_on=day("2027-02-01"))
        assert facility.days_late(today=day("2026-12-15")) == 0
        assert facility.days_late(today=day("2026-12-25")) == 10
        facility.commissioned_on = day("2027-01-04")
        assert facility.days_late(today=day("2027-06-01")) == 20


class TestRules:
    def test_status_and_commissioning_date_go_together(self):
        facility = FacilityFactory.build(status=FacilityStatus.COMMISSIONED)
        with pytest.raises(ValidationError) as error:
            facility.full_clean()
        assert "commissioned_on" in error.value.message_dict

    def test_progress_above_100_is_invalid(self):
        facility = FacilityFactory.build(progress=101)
        with pytest.raises(ValidationError) as error:
            facility.full_clean()
        assert "progress" in error.value.message_dict

    def test_slug_is_made_from_the_name_in_latin_letters(self):
        first = FacilityFactory(name="Школа № 5 в Адлере", slug="")
        second = FacilityFactory(name="Школа № 5 в Адлере", slug="")
        assert first.slug == "shkola-no-5-v-adlere"
        assert second.slug == "shkola-no-5-v-adlere-2"


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_upcoming_facilities_are_the_nearest_not_yet_commissioned():
    FacilityFactory(name="Прошедший", planned_on_original=day("2026-11-25"))
    FacilityFactory(
        name="Открыт",
        planned_on_original=day("2026-11-20"),
        commissioned_on=day("2026-11-20"),
        status=FacilityStatus.COMMISSIONED,
    )
    for name, planned in [
        ("Третий", "2027-01-10"),
        ("Первый", "2026-11-26"),
        ("Второй", "2026-12-01"),
        ("Четвёртый", "2027-05-01"),
    ]:
        FacilityFactory(name=name, planned_on_original=day(planned))
    assert [f.name for f in upcoming_facilities()] == ["Первый", "Второй", "Третий"]
    assert len(upcoming_facilities(limit=5)) == 4


def test_facility_is_searchable_by_name_address_and_district(calendar_page):
    from wagtail.search.backends import get_search_backend

    FacilityFactory(name="Детский сад «Солнышко»", address="ул. Ленина, 219", district="adlersky")
    FacilityFactory(name="Стадион", address="ул. Конституции")
    backend = get_search_backend()
    assert [f.name for f in backend.search("солнышко", Facility)] == ["Детский сад «Солнышко»"]
    assert [f.name for f in backend.search("Ленина", Facility)] == ["Детский сад «Солнышко»"]

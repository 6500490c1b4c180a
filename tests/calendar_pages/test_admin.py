"""The calendar in the Wagtail admin: who may edit it, and that a planned date is never written
over but replanned with its reason."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from calendar_pages.models import CityEvent, Facility
from portal import roles
from tests.calendar_pages.factories import CityEventFactory, FacilityFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = [roles.EDITORS, roles.SHELTER, roles.CONSUMER_MARKET, roles.CONTEST]


@pytest.fixture
def staff(django_user_model, site_tree):
    def make(group_name):
        user = django_user_model.objects.create_user(
            username=f"staff-{abs(hash(group_name))}", password="password", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def facility_form(**overrides):
    data = {
        "name": "Школа в Кудепсте",
        "slug": "shkola-kudepsta",
        "facility_type": "school",
        "district": "khostinsky",
        "address": "ул. Дивноморская, 1",
        "latitude": "",
        "longitude": "",
        "description": "",
        "project_page": "",
        "control_point": "",
        "department": "",
        "contractor": "",
        "budget": "",
        "status": "under_construction",
        "progress": "40",
        "planned_on_original": "2026-12-15",
        "forecast_on": "",
        "commissioned_on": "",
        "replan_to": "",
        "replan_reason": "",
        "replan_document": "",
        "replan_document_reference": "",
        "photos": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def facility_url(action, *args):
    return reverse(f"wagtailsnippets_calendar_pages_facility:{action}", args=args)


def event_url(action, *args):
    return reverse(f"wagtailsnippets_calendar_pages_cityevent:{action}", args=args)


class TestPermissions:
    @pytest.mark.parametrize("model", ["facility", "cityevent"])
    def test_project_office_manages_facilities_and_events(self, staff, model):
        user = staff(roles.PROJECT_OFFICE)
        for action in ("add", "change", "delete"):
            assert user.has_perm(f"calendar_pages.{action}_{model}")

    @pytest.mark.parametrize("group_name", OUTSIDERS)
    @pytest.mark.parametrize("model", ["facility", "cityevent", "facilityreplan"])
    def test_other_groups_cannot(self, staff, group_name, model):
        user = staff(group_name)
        for action in ("add", "change", "delete"):
            assert not user.has_perm(f"calendar_pages.{action}_{model}")

    def test_project_office_opens_the_admin_views(self, staff, client):
        facility, event = FacilityFactory(), CityEventFactory()
        client.force_login(staff(roles.PROJECT_OFFICE))
        for url in [
            facility_url("list"),
            facility_url("add"),
            facility_url("edit", facility.pk),
            event_url("list"),
            event_url("add"),
            event_url("edit", event.pk),
        ]:
            assert client.get(url).status_code == 200, url

    @pytest.mark.parametrize("group_name", OUTSIDERS)
    def test_other_groups_are_turned_away(self, staff, client, group_name):
        facility, event = FacilityFactory(), CityEventFactory()
        client.force_login(staff(group_name))
        for url in [
            facility_url("list"),
            facility_url("add"),
            facility_url("edit", facility.pk),
            event_url("add"),
            event_url("edit", event.pk),
        ]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"] == reverse("wagtailadmin_home"), url
        response = client.post(facility_url("add"), facility_form())
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert not Facility.objects.filter(slug="shkola-kudepsta").exists()

    def test_project_office_adds_a_facility_and_an_event(self, staff, client):
        client.force_login(staff(roles.PROJECT_OFFICE))
        response = client.post(facility_url("add"), facility_form())
        assert response.status_code == 302, response.context["form"].errors
        facility = Facility.objects.get(slug="shkola-kudepsta")
        assert facility.planned_on == facility.planned_on_original == datetime.date(2026, 12, 15)
        response = client.post(
            event_url("add"),
            {
                "title": "Ярмарка в Хосте",
                "category": "fair",
                "place": "ул. Платановая",
                "starts_at": "2026-12-05 09:00",
                "ends_at": "2026-12-05 15:00",
                "description": "",
                "link_url": "",
            },
        )
        assert response.status_code == 302
        assert CityEvent.objects.filter(title="Ярмарка в Хосте").exists()


class TestReplanningInTheAdmin:
    @pytest.fixture
    def facility(self):
        return FacilityFactory(
            name="Школа в Кудепсте",
            slug="shkola-kudepsta",
            planned_on_original=datetime.date(2026, 12, 15),
        )

    @pytest.fixture
    def office(self, staff, client):
        user = staff(roles.PROJECT_OFFICE)
        client.force_login(user)
        return user

    def test_original_plan_cannot_be_overwritten(self, client, office, facility):
        html = client.get(facility_url("edit", facility.pk)).content.decode()
        assert 'name="planned_on_original"' in html and "disabled" in html
        response = client.post(
            facility_url("edit", facility.pk), facility_form(planned_on_original="2027-06-01")
        )
        assert response.status_code == 302
        facility.refresh_from_db()
        assert facility.planned_on_original == datetime.date(2026, 12, 15)
        assert facility.planned_on == datetime.date(2026, 12, 15)
        assert not facility.replans.exists()

    def test_new_date_with_a_reason_is_recorded_as_a_replan(self, client, office, facility):
        response = client.post(
            facility_url("edit", facility.pk),
            facility_form(
                replan_to="2027-02-01",
                replan_reason="Перенос сроков поставки оборудования",
                replan_document_reference="протокол № 12 от 20.11.2026",
            ),
        )
        assert response.status_code == 302
        facility.refresh_from_db()
        assert facility.planned_on == datetime.date(2027, 2, 1)
        replan = facility.replans.get()
        assert replan.reason == "Перенос сроков поставки оборудования"
        assert replan.previous_planned_on == datetime.date(2026, 12, 15)
        assert replan.recorded_by == office
        html = client.get(facility_url("edit", facility.pk)).content.decode()
        assert "протокол № 12 от 20.11.2026" in html  # the read-only history

    def test_new_date_without_a_reason_is_refused(self, client, office, facility):
        response = client.post(
            facility_url("edit", facility.pk), facility_form(replan_to="2027-02-01")
        )
        assert response.status_code == 200
        assert "replan_reason" in response.context["form"].errors
        facility.refresh_from_db()
        assert facility.planned_on == datetime.date(2026, 12, 15)

    def test_there_is_no_way_to_edit_or_delete_recorded_replans(self, client, office, facility):
        facility.replan(datetime.date(2027, 1, 10), "Первый перенос", by=office)
        html = client.get(facility_url("edit", facility.pk)).content.decode()
        assert "Первый перенос" in html
        assert 'name="replans-' not in html
        assert office.has_perm("calendar_pages.change_facilityreplan")  # model perm exists…
        # …but no admin view is registered for replans: the history is append-only.
        from wagtail.snippets.models import get_snippet_models

        assert Facility in get_snippet_models()
        assert not any(model.__name__ == "FacilityReplan" for model in get_snippet_models())

    def test_list_filters_by_district_and_year(self, client, office):
        FacilityFactory(name="Адлерский объект", district="adlersky")
        FacilityFactory(
            name="Старый объект", district="adlersky", planned_on_original=datetime.date(2023, 5, 1)
        )
        FacilityFactory(name="Центральный объект", district="central")
        html = client.get(facility_url("list") + "?district=adlersky&year=2026").content.decode()
        assert "Адлерский объект" in html
        assert "Старый объект" not in html and "Центральный объект" not in html

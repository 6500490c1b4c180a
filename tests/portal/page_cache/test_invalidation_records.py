"""A kept page is never stale: saving a pet, a producer, a product, a fair, a facility, a city
event, a project passport or a contest's results out-dates every kept response that shows it, once
the change commits (portal.page_cache).

Each test keeps the pages (the second anonymous visit is a hit showing the old value), changes
the record the way staff or the system do (a named state change, a save(), a queryset update()),
and asserts that the next visit renders afresh with the new value. Pages, settings and the menu
are in test_invalidation_pages.py.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from calendar_pages.models import EventCategory, Facility
from contest.models import ContestPage
from contest.results import publish_results
from producers.models import Producer
from projects.models import ControlPoint, Indicator, ProjectPage
from shelter.models import Pet, PetStatus
from tests.calendar_pages.factories import (
    CalendarIndexPageFactory,
    CityEventFactory,
    FacilityFactory,
)
from tests.contest.factories import ContestIndexPageFactory, ContestPageFactory, accepted_entry
from tests.portal.page_cache.visits import fresh, kept
from tests.producers.factories import (
    FairDayFactory,
    FairFactory,
    FairScheduleFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
    ProductFactory,
    UserFactory,
)
from tests.projects.factories import (
    ControlPointFactory,
    IndicatorFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

# serialized_rollback: Wagtail's root page and default site come back after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def staff(home):
    return UserFactory(is_staff=True)


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


# --- the shelter ------------------------------------------------------------------------------


@pytest.fixture
def shelter(home):
    return ShelterIndexPageFactory(parent=home)


def test_renaming_a_pet_shows_the_new_name_in_the_catalog_its_page_and_the_site_search(
    client, shelter
):
    pet = PetFactory(name="Барсик")
    urls, search = ("/shelter/", f"/shelter/pets/{pet.pk}/"), "/search/?q=Персик"
    for url in urls:
        assert "Барсик" in kept(client, url)
    assert f"/shelter/pets/{pet.pk}/" not in kept(client, search)

    pet.name = "Персик"
    pet.save()

    for url in urls:
        html = fresh(client, url)
        assert "Персик" in html
        assert "Барсик" not in html
    assert f"/shelter/pets/{pet.pk}/" in fresh(client, search)


def test_an_adopted_pet_leaves_the_catalog_and_its_page_says_it_found_a_home(client, shelter):
    """change_status() writes the status with a queryset update(): no save(), no signal."""
    pet = PetFactory(name="Жучка")
    assert "Жучка" in kept(client, "/shelter/")
    assert "pet-status--looking" in kept(client, f"/shelter/pets/{pet.pk}/")
    assert "Жучка" not in kept(client, "/shelter/found-home/")

    pet.change_status(PetStatus.ADOPTED)

    assert "Жучка" not in fresh(client, "/shelter/")
    assert "pet-status--adopted" in fresh(client, f"/shelter/pets/{pet.pk}/")
    assert "Жучка" in fresh(client, "/shelter/found-home/")


def test_a_pet_taken_off_the_site_by_a_queryset_update_is_gone_at_once(client, shelter):
    pet = PetFactory(name="Тузик")
    assert "Тузик" in kept(client, "/shelter/")

    Pet.objects.filter(pk=pet.pk).update(published_at=None, is_public=False)

    assert "Тузик" not in fresh(client, "/shelter/")
    fresh(client, f"/shelter/pets/{pet.pk}/", status_code=404)


# --- producers, products and fairs ------------------------------------------------------------


@pytest.fixture
def directory(home):
    return ProducerIndexPageFactory(parent=home)


def test_an_approved_rename_of_a_producer_shows_on_every_page_that_names_it(
    client, directory, staff
):
    producer = ProducerFactory(name="Пасека Агуры", slug="pasika", legal_name="ИП Агуров А. А.")
    ProductFactory(producer=producer, name="Каштановый мёд")
    fair = FairFactory(name="Ярмарка в Хосте", slug="khosta")
    FairDayFactory(fair=fair, date=in_days(3)).add_producer(producer)
    urls = (
        "/producers/",
        "/producers/pasika/",
        "/producers/?view=products",
        "/producers/fairs/khosta/",
    )
    for url in urls:
        assert "Пасека Агуры" in kept(client, url)

    # The owner's edit waits as a proposal: the public version stays, and so do kept pages.
    producer.edit({"name": "Пасека «Горный мёд»"}, by=producer.owner)
    producer.submit(by=producer.owner)
    assert "Пасека Агуры" in fresh(client, "/producers/pasika/")
    Producer.objects.get(pk=producer.pk).approve(by=staff)

    for url in urls:
        html = fresh(client, url)
        assert "Пасека «Горный мёд»" in html
        assert "Пасека Агуры" not in html


def test_a_new_product_and_a_new_price_show_in_the_product_list_and_on_the_producer_page(
    client, directory
):
    producer = ProducerFactory(name="Чайная долина", slug="tea-valley")
    product = ProductFactory(producer=producer, name="Чай чёрный", price=Decimal("350"))
    urls = ("/producers/?view=products", "/producers/tea-valley/")
    for url in urls:
        html = kept(client, url)
        assert "350 ₽" in html
        assert "Чай зелёный" not in html

    product.price = Decimal("420")
    product.save()
    ProductFactory(producer=producer, name="Чай зелёный")

    for url in urls:
        html = fresh(client, url)
        assert "420 ₽" in html and "350 ₽" not in html
        assert "Чай зелёный" in html


def test_renaming_a_fair_shows_the_new_name_on_the_fair_pages_and_the_directory_map(
    client, directory
):
    fair = FairFactory(
        name="Ярмарка в Адлере", slug="adler", latitude=Decimal("43.43"), longitude=Decimal("39.92")
    )
    FairScheduleFactory(fair=fair)
    urls = ("/producers/", "/producers/fairs/", "/producers/fairs/adler/")
    for url in urls:
        assert "Ярмарка в Адлере" in kept(client, url)

    fair.name = "Ярмарка на Кирова"
    fair.save()

    for url in urls:
        html = fresh(client, url)
        assert "Ярмарка на Кирова" in html
        assert "Ярмарка в Адлере" not in html


def test_renaming_a_fair_renames_its_coming_days_in_the_city_calendar(client, directory):
    """The calendar lists a fair's days as city events (Fair.sync_calendar_events)."""
    CalendarIndexPageFactory(parent=directory.get_parent())
    fair = FairFactory(name="Ярмарка в Адлере", slug="adler")
    FairScheduleFactory(fair=fair, weekdays=2**7 - 1)
    fair.generate_days(in_days(1), in_days(2))
    assert "Ярмарка в Адлере" in kept(client, "/calendar/")

    fair.name = "Ярмарка на Кирова"
    fair.save()

    html = fresh(client, "/calendar/")
    assert "Ярмарка на Кирова" in html
    assert "Ярмарка в Адлере" not in html


# --- the commissioning calendar ---------------------------------------------------------------


@pytest.fixture
def calendar(home):
    return CalendarIndexPageFactory(parent=home)


def test_a_replanned_facility_shows_its_new_date_in_the_list_its_page_and_the_exports(
    client, calendar, staff
):
    """replan() writes the date with a queryset update(): no save(), no signal."""
    facility = FacilityFactory(
        name="Школа в Кудепсте", slug="kudepsta", planned_on_original=in_days(20)
    )
    old, new = in_days(20), in_days(90)
    pages = ("/", "/calendar/", "/calendar/facilities/kudepsta/")
    for url in pages:
        assert f'datetime="{old:%Y-%m-%d}"' in kept(client, url)
    assert f"DTSTART;VALUE=DATE:{old:%Y%m%d}" in kept(client, "/calendar/feed.ics")
    assert f"{old:%d.%m.%Y}" in kept(client, "/calendar/export.csv")

    facility.replan(new, reason="Перенос сроков поставки оборудования", by=staff)

    for url in pages:
        assert f'datetime="{new:%Y-%m-%d}"' in (html := fresh(client, url))
    assert "Перенос сроков поставки оборудования" in html  # the facility page, last
    ics = fresh(client, "/calendar/feed.ics")
    assert f"DTSTART;VALUE=DATE:{new:%Y%m%d}" in ics
    assert f"DTSTART;VALUE=DATE:{old:%Y%m%d}" not in ics
    assert f"{new:%d.%m.%Y}" in fresh(client, "/calendar/export.csv")


def test_a_facility_edited_and_saved_shows_its_new_name_and_progress_everywhere(client, calendar):
    facility = FacilityFactory(name="Детский сад на Пластунской", slug="plastunskaya", progress=40)
    urls = ("/", "/calendar/", "/calendar/facilities/plastunskaya/", "/calendar/export.csv")
    for url in urls:
        assert "Детский сад на Пластунской" in kept(client, url)

    facility = Facility.objects.get(pk=facility.pk)
    facility.name = "Детский сад «Звёздочка»"
    facility.progress = 85
    facility.save()

    for url in urls:
        html = fresh(client, url)
        assert "Детский сад «Звёздочка»" in html
        assert "Детский сад на Пластунской" not in html
    assert ";85;" in html  # the CSV's progress column


def test_an_edited_city_event_shows_in_the_calendar_its_feed_and_the_shelter(
    client, calendar, home
):
    ShelterIndexPageFactory(parent=home)
    starts = timezone.now() + datetime.timedelta(days=5)
    event = CityEventFactory(
        title="День открытых дверей приюта",
        category=EventCategory.SHELTER_EXHIBITION,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
    )
    for url in ("/calendar/", "/calendar/feed.ics", "/shelter/"):
        assert "День открытых дверей" in kept(client, url)

    event.title = "Праздник в приюте"
    event.place = "Парк Ривьера"
    event.save()

    for url in ("/calendar/", "/calendar/feed.ics", "/shelter/"):
        html = fresh(client, url)
        assert "Праздник в приюте" in html
        assert "День открытых дверей" not in html


# --- project passports ------------------------------------------------------------------------


@pytest.fixture
def project(home):
    index = ProjectIndexPageFactory(parent=home)
    project = ProjectPageFactory(parent=index, title="Школа на 1100 мест", slug="school")
    ControlPointFactory(page=project, title="Проектная документация")
    IndicatorFactory(page=project, name="Мест в школах", actual_value=None)
    return project


def test_a_published_passport_edit_shows_on_the_project_page_and_in_the_list(client, project):
    for url in ("/projects/", "/projects/school/"):
        assert "ПР-17/2026" not in kept(client, url)

    page = ProjectPage.objects.get(pk=project.pk)
    page.title = "Школа на 1550 мест"
    page.protocol_number = "ПР-17/2026"
    page.decision_on = datetime.date(2026, 11, 20)
    points = list(page.control_points.all())
    points[0].title = "Экспертиза пройдена"
    page.control_points = points
    page.save_revision().publish()

    html = fresh(client, "/projects/school/")
    assert "ПР-17/2026" in html
    assert "Экспертиза пройдена" in html and "Проектная документация" not in html
    assert "Школа на 1550 мест" in fresh(client, "/projects/")


def test_a_control_point_reached_and_an_indicator_reported_show_on_the_project_page(
    client, project
):
    """Written by queryset update(): the page revision is not involved."""
    reached = datetime.date(2026, 11, 20)
    html = kept(client, "/projects/school/")
    assert f'datetime="{reached:%Y-%m-%d}"' not in html
    assert "<td>7,5</td>" not in html

    ControlPoint.objects.filter(page=project).update(actual_on=reached)
    Indicator.objects.filter(page=project).update(actual_value=Decimal("7.5"))

    html = fresh(client, "/projects/school/")
    assert f'datetime="{reached:%Y-%m-%d}"' in html
    assert "<td>7,5</td>" in html  # the indicator's actual value


# --- the contest ------------------------------------------------------------------------------


def test_published_contest_results_show_on_the_contest_and_results_pages(client, home, staff):
    now = timezone.now()
    contest = ContestPageFactory(
        parent=ContestIndexPageFactory(parent=home),
        slug="2026",
        applications_open_on=(now - datetime.timedelta(days=60)).date(),
        applications_close_on=(now - datetime.timedelta(days=40)).date(),
        voting_opens_at=now - datetime.timedelta(days=30),
        voting_closes_at=now - datetime.timedelta(days=1),
        results_on=(now + datetime.timedelta(days=5)).date(),
    )
    accepted_entry(contest, title="ТОС «Мамайка»")
    contest_url, results_url = "/tos-contest/2026/", "/tos-contest/2026/results/"
    assert f'href="{results_url}"' not in kept(client, contest_url)
    assert "results.csv" not in kept(client, results_url)

    results = publish_results(ContestPage.objects.get(pk=contest.pk), by=staff)

    assert f'href="{results_url}"' in fresh(client, contest_url)
    html = fresh(client, results_url)
    assert "results.csv" in html
    assert results.ballots_sha256 in html

"""The API's lists and records use the same number of SQL queries at small and large sizes."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from calendar_pages.models import CityEvent, EventCategory, Facility
from contest.demo.seeding import bulk_add_entries, bulk_add_voters, bulk_add_votes
from contest.results import publish_results
from news.demo.seeding import bulk_create_news
from news.models import NewsPage
from portal.bitsets import mask_of
from producers.demo.seeding import bulk_create_directory
from producers.models import Fair, FairDay, FairSchedule
from projects.demo.seeding import bulk_create_projects
from shelter.demo.seeding import bulk_create_pets
from shelter.models import Pet
from tests.calendar_pages.factories import (
    CalendarIndexPageFactory,
    FacilityFactory,
    bulk_create_facilities,
)
from tests.contest.factories import CLOSES as CONTEST_CLOSES
from tests.contest.factories import NOW as CONTEST_NOW
from tests.contest.factories import ContestIndexPageFactory, ContestPageFactory
from tests.factories import ImageFactory, NewsPageFactory
from tests.producers.catalog_directory import TODAY as DIRECTORY_DAY
from tests.producers.factories import (
    CategoryFactory,
    FairDayFactory,
    FairFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
)
from tests.projects.factories import (
    BudgetLineFactory,
    IndicatorFactory,
    PersonFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)
from tests.shelter.factories import PetPhotoFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
PET_URLS = [
    "/api/v1/pets/",
    "/api/v1/pets/?species=dog&sterilised=yes&page=3",
    "/api/v1/pets/?q=метис&species=dog&sex=female&size=small",
]
FACILITY_URLS = [
    "/api/v1/facilities/",
    "/api/v1/facilities/?district=adlersky&page=3",
    "/api/v1/facilities/?year=2026&type=school",
]

NEWS_URLS = ["/api/v1/news/", "/api/v1/news/?tag=ekologiia", "/api/v1/news/?year=2025&page=3"]
PROJECT_URLS = [
    "/api/v1/projects/",
    "/api/v1/projects/?sector=education&year=2026",
    "/api/v1/projects/?status=approved&page=2",
]
EVENT_URLS = [
    "/api/v1/events/",
    "/api/v1/events/?month=2026-11&category=fair",
    "/api/v1/events/?when=past&page=2",
]
FAIR_URLS = ["/api/v1/fairs/", "/api/v1/fairs/?district=central&page=2"]


def count_queries(client, url):
    client.get(url)  # warm what every request shares (site root, translations)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries)


def test_pet_lists_use_the_same_queries_at_60_and_10000_pets(client, home):
    ShelterIndexPageFactory(parent=home)
    for pet in bulk_create_pets(12, prefix="фото"):
        PetPhotoFactory(pet=Pet.objects.get(name=pet.name))
    bulk_create_pets(48, index=True)
    first = Pet.objects.in_catalog().order_by("pk").first()
    urls = [*PET_URLS, f"/api/v1/pets/{first.pk}/"]
    small = {url: count_queries(client, url) for url in urls}
    bulk_create_pets(10_000 - 60, prefix="нагрузка")
    large = {url: count_queries(client, url) for url in urls}
    # Pages with fewer photos skip a prefetch, so a count may drop; it never grows.
    assert all(large[url] <= small[url] for url in urls), (small, large)
    assert max(large.values()) <= MAX_QUERIES, large


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_facility_lists_use_the_same_queries_at_40_and_4000_facilities(client, home, admin_user):
    CalendarIndexPageFactory(parent=home)
    replanned = FacilityFactory(planned_on_original=datetime.date(2026, 11, 5))
    replanned.replan(datetime.date(2026, 11, 25), "Перенос", by=admin_user)
    bulk_create_facilities(39, first_day=datetime.date(2026, 1, 1), prefix="small")
    urls = [*FACILITY_URLS, f"/api/v1/facilities/{replanned.pk}/"]
    small = {url: count_queries(client, url) for url in urls}
    bulk_create_facilities(4_000 - 40, first_day=datetime.date(2015, 1, 1), prefix="large")
    assert Facility.objects.count() == 4_000
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


DIRECTORY_URLS = [
    "/api/v1/producers/",
    "/api/v1/producers/?category=med&district=adlersky&season=true",
    "/api/v1/products/",
    "/api/v1/products/?category=med&season=true&page=2",
]


@time_machine.travel(DIRECTORY_DAY, tick=False)
def test_directory_lists_use_the_same_queries_at_200_and_20000_products(client, home):
    ProducerIndexPageFactory(parent=home)
    categories = [CategoryFactory(slug="med", name="Мёд"), CategoryFactory(slug="chai")]
    producer = ProducerFactory(name="Пасека Гулиевых", categories=categories[:1])
    FairDayFactory().add_producer(producer)
    bulk_create_directory(20, 10, prefix="small", categories=categories)
    urls = [*DIRECTORY_URLS, f"/api/v1/producers/{producer.pk}/"]
    small = {url: count_queries(client, url) for url in urls}
    bulk_create_directory(2_000 - 20, 10, prefix="large", categories=categories)
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


def measured(client, urls):
    return {url: count_queries(client, url) for url in urls}


def test_news_lists_use_the_same_queries_at_30_and_3000_items(client, news_index):
    for number in range(3):
        NewsPageFactory(
            parent=news_index,
            date=datetime.date(2026, 3, 1 + number),
            main_image=ImageFactory(),
            tags=["Экология", "Образование"],
        )
    bulk_create_news(news_index, 27, start_date=datetime.date(2025, 12, 31))
    item = NewsPage.objects.order_by("pk").first()
    urls = [*NEWS_URLS, f"/api/v1/news/{item.pk}/"]
    small = measured(client, urls)
    bulk_create_news(news_index, 3_000 - 30, start_date=datetime.date(2025, 11, 30))
    large = measured(client, urls)
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_project_lists_use_the_same_queries_at_10_and_500_projects(client, home):
    index = ProjectIndexPageFactory(parent=home)
    people = [PersonFactory(photo=ImageFactory()), PersonFactory()]
    project = ProjectPageFactory(parent=index, curator=people[0], head=people[1])
    IndicatorFactory(page=project)
    BudgetLineFactory(page=project)
    bulk_create_projects(index, 9, curator_ids=[person.pk for person in people])
    urls = [*PROJECT_URLS, f"/api/v1/projects/{project.pk}/"]
    small = measured(client, urls)
    bulk_create_projects(index, 500 - 10, curator_ids=[person.pk for person in people])
    large = measured(client, urls)
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


def bulk_create_events(count, first_day, prefix):
    categories = list(EventCategory)
    CityEvent.objects.bulk_create(
        CityEvent(
            title=f"{prefix} {number}",
            category=categories[number % len(categories)],
            place="Морвокзал",
            starts_at=timezone.make_aware(
                datetime.datetime.combine(first_day, datetime.time(10))
                + datetime.timedelta(days=number)
            ),
        )
        for number in range(count)
    )


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_event_lists_use_the_same_queries_at_40_and_4000_events(client, home):
    CalendarIndexPageFactory(parent=home)
    bulk_create_events(40, datetime.date(2026, 11, 1), "small")
    event = CityEvent.objects.order_by("pk").first()
    urls = [*EVENT_URLS, f"/api/v1/events/{event.pk}/"]
    small = measured(client, urls)
    bulk_create_events(4_000 - 40, datetime.date(2016, 1, 1), "large")
    large = measured(client, urls)
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


def bulk_create_fairs(count, prefix):
    fairs = Fair.objects.bulk_create(
        Fair(
            name=f"Ярмарка {prefix} {number}",
            slug=f"{prefix}-{number}",
            fair_format="weekend",
            district=["central", "adlersky"][number % 2],
            address="ул. Донская, 10",
            organiser="Управление потребительского рынка",
            trading_places=20,
        )
        for number in range(count)
    )
    FairSchedule.objects.bulk_create(
        FairSchedule(fair=fair, weekdays=mask_of([6, 7]), opens_at="08:00", closes_at="15:00")
        for fair in fairs
    )
    FairDay.objects.bulk_create(
        FairDay(
            fair=fair,
            date=datetime.date(2026, 11, 28) + datetime.timedelta(days=7 * week),
            opens_at="08:00",
            closes_at="15:00",
        )
        for fair in fairs
        for week in range(4)
    )


@time_machine.travel(DIRECTORY_DAY, tick=False)
def test_fair_lists_use_the_same_queries_at_10_and_1000_fairs(client, home):
    ProducerIndexPageFactory(parent=home)
    fair = FairFactory(name="Ярмарка А")
    honey = CategoryFactory(slug="med", name="Мёд")
    for number in range(3):
        FairDayFactory(fair=fair, date=DIRECTORY_DAY.date() + datetime.timedelta(days=number))
    days = list(fair.days.all())
    days[0].add_producer(ProducerFactory(categories=[honey]))
    bulk_create_fairs(9, "small")
    urls = [*FAIR_URLS, f"/api/v1/fairs/{fair.pk}/"]
    small = measured(client, urls)
    bulk_create_fairs(1_000 - 10, "large")
    for day in days:
        for _number in range(5):
            day.add_producer(ProducerFactory(categories=[honey]))
    large = measured(client, urls)
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


def test_contest_records_use_the_same_queries_at_12_and_240_entries(client, home, admin_user):
    index = ContestIndexPageFactory(parent=home)
    contest = ContestPageFactory(parent=index, counts_hidden_while_voting=False)
    for _number in range(3):
        ContestPageFactory(parent=index)

    def grow(entries, votes, prefix, phone):
        new_entries = bulk_add_entries(contest, entries, prefix=prefix)
        voters = bulk_add_voters(votes, prefix=prefix, first_phone=phone)
        bulk_add_votes(contest, voters, new_entries)

    urls = ["/api/v1/contests/", f"/api/v1/contests/{contest.pk}/"]
    with time_machine.travel(CONTEST_NOW, tick=False):
        grow(12, 50, "small", 79000000000)
        small = measured(client, urls)
        grow(240 - 12, 3_000 - 50, "large", 79100000000)
        large = measured(client, urls)
    with time_machine.travel(CONTEST_CLOSES + datetime.timedelta(hours=1), tick=False):
        publish_results(contest, by=admin_user)
        published = measured(client, urls)
    assert small == large
    assert max([*large.values(), *published.values()]) <= MAX_QUERIES, (large, published)

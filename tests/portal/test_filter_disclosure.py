"""The filter panel shared by every filtered list (includes/facet_filters.html): on a phone a
«Фильтры (N)» disclosure placed before the list, its button «Показать N»; a skip link «К фильтрам»;
every list of choices starts with «Все»."""

import re

import pytest
from django.http import QueryDict

from news.filters import NewsFilter
from news.models import NewsPage
from portal.filtering import offer_choices
from portal.search.facets import active_filter_count
from projects.filters import ProjectFilter
from projects.models import ProjectPage, ProjectStatus
from shelter.filters import PetFilter
from shelter.models import Pet
from tests.factories import NewsPageFactory
from tests.producers.factories import (
    CategoryFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
    ProductFactory,
)
from tests.projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db

SKIP_LINK = '<a class="skip-link" href="#filters">К фильтрам</a>'


@pytest.fixture
def lists(home, news_index):
    """One of each filtered list with a few items: {name: (url, the list's opening tag)}."""
    NewsPageFactory(parent=news_index, title="Про парк", tags=["Благоустройство"])
    NewsPageFactory(parent=news_index, title="Про школу", tags=["Образование"])
    projects = ProjectIndexPageFactory(parent=home)
    ProjectPageFactory(parent=projects, sector="education", status=ProjectStatus.APPROVED)
    ProjectPageFactory(parent=projects, sector="sport", status=ProjectStatus.PROPOSAL)
    ShelterIndexPageFactory(parent=home)
    PetFactory(species="cat", sex="female")
    PetFactory(species="dog")
    ProducerIndexPageFactory(parent=home)
    honey = CategoryFactory(name="Мёд", slug="med")
    producer = ProducerFactory(name="Пасека", district="adlersky", categories=[honey])
    ProductFactory(producer=producer, category=honey, name="Мёд каштановый")
    return {
        "news": ("/news/", '<ul class="news-list">'),
        "projects": ("/projects/", '<ul class="project-list">'),
        "shelter": ("/shelter/", '<ul class="card-grid pet-list">'),
        "producers": ("/producers/", '<ul class="directory-list'),
    }


def summary(html):
    return re.search(r'<summary class="filters__toggle">(.*?)</summary>', html).group(1)


def submit_button(html):
    panel = html[html.index('id="filters"') :]
    return re.search(r'<button type="submit">(.*?)</button>', panel).group(1)


@pytest.mark.parametrize("name", ["news", "projects", "shelter", "producers"])
def test_the_filters_are_a_disclosure_before_the_list(client, lists, name):
    url, list_tag = lists[name]
    html = client.get(url).content.decode()
    disclosure = html.index('<details class="filters with-sidebar__filters" id="filters">')
    assert disclosure < html.index(list_tag)
    # Closed by default (phones); CSS shows it as the sidebar from 900 px.
    assert '<details class="filters with-sidebar__filters" id="filters" open>' not in html
    assert html.index("<summary", disclosure) < html.index("<form", disclosure)


@pytest.mark.parametrize("name", ["news", "projects", "shelter", "producers"])
def test_a_skip_link_leads_to_the_filters_right_after_the_one_to_the_content(client, lists, name):
    html = client.get(lists[name][0]).content.decode()
    main_skip = html.index('<a class="skip-link" href="#main">')
    assert main_skip < html.index(SKIP_LINK) < html.index("<header")
    assert html.count('id="filters"') == 1


def test_pages_without_filters_have_no_skip_link_to_them(client, lists):
    assert SKIP_LINK not in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/news/", "Фильтры"),
        ("/news/?tag=obrazovanie", "Фильтры (1)"),
        ("/projects/?sector=education&status=approved", "Фильтры (2)"),
        ("/projects/?sector=&status=&year=", "Фильтры"),
        ("/shelter/?species=cat&sex=female&sort=oldest", "Фильтры (2)"),
        ("/shelter/?sort=oldest", "Фильтры"),
        ("/producers/?view=products&district=adlersky&q=мёд", "Фильтры (2)"),
    ],
)
def test_the_summary_counts_the_active_filters_but_not_sorts_or_views(client, lists, url, expected):
    assert summary(client.get(url).content.decode()) == expected


@pytest.mark.parametrize(
    "url",
    [
        "/news/",
        "/news/?tag=obrazovanie",
        "/projects/?sector=sport",
        "/shelter/?species=cat",
        "/producers/",
        "/producers/?view=products",
    ],
)
def test_the_button_shows_how_many_results_the_list_has(client, lists, url):
    response = client.get(url)
    page = next(
        response.context[key]
        for key in ("news_page", "projects_page", "pets_page", "items_page")
        if key in response.context
    )
    assert submit_button(response.content.decode()) == f"Показать {page.paginator.count}"


def test_refused_filters_open_the_panel_and_the_button_has_no_number(client, lists):
    response = client.get("/projects/?sector=astronomy")
    html = response.content.decode()
    assert response.status_code == 400
    assert '<details class="filters with-sidebar__filters" id="filters" open>' in html
    assert submit_button(html) == "Показать"
    assert summary(html) == "Фильтры (1)"


def test_every_list_of_choices_starts_with_all(client, lists):
    projects = client.get("/projects/").content.decode()
    year = projects[projects.index('<select name="year"') :]
    assert re.match(r'<select name="year"[^>]*>\s*<option value="" selected>Все</option>', year)
    news = client.get("/news/").content.decode()
    topics = news[news.index("<legend") :]
    assert re.search(r'<input type="radio" name="tag" value="" checked> <span>Все</span>', topics)


def test_a_choice_filter_without_its_own_empty_label_offers_all_first():
    status = ProjectFilter().form.fields["status"]
    assert list(status.choices)[0] == ("", "Все")


class TestActiveFilterCount:
    def test_counts_what_was_sent_even_when_refused(self):
        filterset = ProjectFilter(
            QueryDict("sector=astronomy&year=2026"), queryset=ProjectPage.objects.all()
        )
        assert not filterset.is_valid()
        assert active_filter_count(filterset) == 2

    def test_an_unbound_filterset_has_none(self):
        assert active_filter_count(NewsFilter(queryset=NewsPage.objects.all())) == 0

    def test_sort_is_not_a_filter(self):
        filterset = PetFilter(QueryDict("sort=oldest&species=cat"), queryset=Pet.objects.all())
        assert active_filter_count(filterset) == 1


class TestOfferChoices:
    def test_a_typed_year_becomes_a_list_of_the_years_with_all_first(self):
        filterset = NewsFilter(QueryDict("year=2025"), queryset=NewsPage.objects.all())
        offer_choices(filterset, "year", [2026, 2025])
        html = str(filterset.form["year"])
        assert re.findall(r'<option value="(\d*)"', html) == ["", "2026", "2025"]
        assert '<option value="2025" selected>' in html
        assert filterset.is_valid() and filterset.form.cleaned_data["year"] == 2025

    def test_a_year_sent_outside_the_list_is_offered_so_the_list_shows_what_is_applied(self):
        filterset = NewsFilter(QueryDict("year=2019"), queryset=NewsPage.objects.all())
        offer_choices(filterset, "year", [2026])
        assert '<option value="2019" selected>' in str(filterset.form["year"])

    def test_the_filter_still_checks_what_was_sent(self):
        filterset = NewsFilter(QueryDict("year=99999"), queryset=NewsPage.objects.all())
        offer_choices(filterset, "year", [2026])
        assert not filterset.is_valid()

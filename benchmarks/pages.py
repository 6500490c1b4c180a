"""The pages `make bench` measures: the same demo items at every size, so that only the amount of
other content changes between the sizes. Runs inside the measuring subprocesses of run.py.

Each page may name the limit it is held to (benchmarks/checks.py) and whether the load test
(benchmarks/load.py) requests it too.
"""

from typing import NamedTuple
from urllib.parse import urlencode

from django.db.models import Count

# The kinds of limit a page is checked against (benchmarks/checks.py).
CATALOG, SEARCH, EXPORT, API = "catalog", "search", "export", "api"


class Page(NamedTuple):
    name: str
    url: str
    limit: str | None = None
    load: bool = False  # also requested under gunicorn, cached and uncached


def pages_to_measure():
    """The pages to time and count queries for, as `Page`s."""
    pages = [
        *_news_and_search(),
        *_calendar_and_projects(),
        *_shelter(),
        *_producers(),
        *_api(),
    ]
    return [Page(*page) for page in pages]


def _news_and_search():
    from seed import commented_item  # benchmarks/seed.py

    from news.models import NewsPage

    item = NewsPage.objects.live().exclude(slug__startswith="news-load-").order_by("-date").first()
    return [
        ("home", "/", None, True),
        ("news list", "/news/"),
        ("news item (demo, with image)", item.url),
        ("news item with 1,000 comments", commented_item().url),
        ("search «Сочи» (demo items match)", "/search/?" + urlencode({"q": "Сочи"})),
        (
            "search «новость» (every seeded item matches)",
            "/search/?" + urlencode({"q": "новость"}),
            SEARCH,
        ),
    ]


def _calendar_and_projects():
    from calendar_pages.models import CalendarIndexPage, Facility
    from projects.models import ProjectIndexPage, ProjectPage

    # The demo facility with the most replans, the demo project with the most control points.
    calendar = CalendarIndexPage.objects.live().get().url
    facility = (
        Facility.objects.exclude(slug__startswith="bench-facility-")
        .annotate(n=Count("replans"))
        .order_by("-n", "slug")
        .first()
    )
    project = (
        ProjectPage.objects.live()
        .exclude(slug__startswith="project-load-")
        .annotate(n=Count("control_points", distinct=True) + Count("indicators", distinct=True))
        .order_by("-n", "slug")
        .first()
    )
    return [
        ("calendar list", calendar),
        ("calendar month grid 2026-11", calendar + "?view=grid&month=2026-11"),
        ("facility page (demo, most replans)", f"{calendar}facilities/{facility.slug}/"),
        ("calendar feed.ics (all facilities)", calendar + "feed.ics", EXPORT, True),
        ("calendar export.csv (all facilities)", calendar + "export.csv", EXPORT),
        ("project index", ProjectIndexPage.objects.live().get().url),
        ("project passport (demo)", project.url),
    ]


def _shelter():
    from shelter.models import Pet, ShelterIndexPage

    shelter = ShelterIndexPage.objects.live().get()
    # The demo pet with the most photos (seeded pets have none).
    pet = (
        Pet.objects.exclude(name__contains="нагрузка")
        .annotate(n=Count("photos"))
        .order_by("-n", "pk")
        .first()
    )
    filters = {"species": "dog", "age": "young", "children": "yes", "sterilised": "yes"}
    # Seeded dogs cycle through the breeds with "метис" first: about one pet in six matches.
    text_and_3 = {"q": "метис", "species": "dog", "sex": "female", "size": "small"}
    return [
        ("shelter catalog", shelter.url),
        ("shelter catalog, 4 filters", shelter.url + "?" + urlencode(filters)),
        ("shelter catalog, text «метис»", shelter.url + "?" + urlencode({"q": "метис"})),
        (
            "shelter catalog, text + filter",
            shelter.url + "?" + urlencode({"q": "собака", "sex": "female"}),
        ),
        (
            "shelter catalog, text «метис» + 3 filters",
            shelter.url + "?" + urlencode(text_and_3),
            CATALOG,
            True,
        ),
        (
            "pet page (demo, most photos)",
            shelter.url + shelter.reverse_subpage("pet", args=[pet.pk]),
        ),
    ]


def _producers():
    from producers.models import Category, Fair, Producer, ProducerIndexPage

    directory = ProducerIndexPage.objects.live().get().url
    category = Category.objects.order_by("sort_order", "name").first()
    producer = (
        Producer.objects.exclude(slug__startswith="bench-")
        .filter(is_live=True)
        .annotate(n=Count("products"))
        .order_by("-n", "slug")
        .first()
    )
    fair = Fair.objects.annotate(n=Count("days__roster")).order_by("-n", "slug").first()
    filters = {"category": category.slug, "district": "adlersky", "season": "true"}
    # «продукт» is in every seeded product's name: the text matches about 20,000 products.
    products_text_and_3 = {"view": "products", "q": "продукт", **filters}
    return [
        ("producer directory", directory),
        ("producer directory, 3 filters", directory + "?" + urlencode(filters)),
        ("producer directory, text «пасека»", directory + "?" + urlencode({"q": "пасека"})),
        ("products", directory + "?" + urlencode({"view": "products"})),
        ("products, text «мёд»", directory + "?" + urlencode({"view": "products", "q": "мёд"})),
        (
            "products, text «продукт» + 3 filters",
            directory + "?" + urlencode(products_text_and_3),
            CATALOG,
        ),
        ("producer page (demo, most products)", producer.get_absolute_url()),
        ("fair page (demo, longest roster)", fair.get_absolute_url()),
    ]


def _api():
    """The API's main lists (portal.api): the catalogs and the sections' lists as JSON."""
    text_and_3 = {"q": "метис", "species": "dog", "sex": "female", "size": "small"}
    products_text_and_2 = {"q": "продукт", "district": "adlersky", "season": "true"}
    return [
        ("API pets", "/api/v1/pets/", API),
        ("API pets, text «метис» + 3 filters", "/api/v1/pets/?" + urlencode(text_and_3), API),
        ("API facilities", "/api/v1/facilities/", API),
        (
            "API products, text «продукт» + 2 filters",
            "/api/v1/products/?" + urlencode(products_text_and_2),
            API,
        ),
        (
            "API facilities, 2 filters",
            "/api/v1/facilities/?" + urlencode({"district": "adlersky", "year": "2026"}),
            API,
        ),
        ("API news", "/api/v1/news/", API),
        (
            "API news, topic + year",
            "/api/v1/news/?" + urlencode({"tag": "ekologiia", "year": "2026"}),
            API,
        ),
        ("API projects", "/api/v1/projects/", API),
        (
            "API events, month + category",
            "/api/v1/events/?" + urlencode({"month": "2026-12", "category": "fair"}),
            API,
        ),
        ("API fairs", "/api/v1/fairs/", API),
        ("API contests", "/api/v1/contests/", API),
    ]

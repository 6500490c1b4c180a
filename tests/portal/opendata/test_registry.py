"""The registry list.csv, each set's meta.csv and the HTML catalogue and passport pages, as the
methodological recommendations (version 3.0) lay them out."""

import csv
import io
import re
from urllib.parse import urlsplit

import pytest

from portal.opendata.passport import PROPERTIES, STANDARD_VERSION
from portal.opendata.urls import REGISTRY

pytestmark = pytest.mark.django_db
SETS = [dataset.code for dataset in REGISTRY]


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    assert not body.startswith(b"\xef\xbb\xbf"), "UTF-8 without a byte-order mark"
    assert b"\r\n" in body, "RFC 4180 rows end with CRLF"
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def path_of(url):
    return urlsplit(url).path


def test_every_app_declares_its_sets_and_identifiers_start_with_the_owners_inn(settings):
    assert SETS == [
        "facilities",
        "city-events",
        "municipal-projects",
        "shelter-pets",
        "local-producers",
        "local-products",
        "municipal-fairs",
        "fair-days",
        "tos-contest-results",
    ]
    settings.OPENDATA_OWNER_INN = "2320037846"
    assert [d.identifier for d in REGISTRY][0] == "2320037846-facilities"


def test_list_csv_has_the_header_the_version_and_one_row_per_set_whose_links_answer(
    client, records
):
    rows = read_csv(client.get("/opendata/list.csv"))
    assert rows[0] == ["property", "title", "value", "format"]
    assert rows[1][0] == "standardversion" and rows[1][2] == STANDARD_VERSION
    sets = rows[2:]
    assert [row[0] for row in sets] == [dataset.identifier for dataset in REGISTRY]
    for identifier, title, value, data_format in sets:
        assert title and data_format == "csv"
        assert path_of(value) == f"/opendata/{identifier}/meta.csv"
        assert client.get(path_of(value)).status_code == 200


@pytest.mark.parametrize("code", SETS)
def test_meta_csv_has_the_required_properties_in_order_and_its_links_answer(client, records, code):
    dataset = next(d for d in REGISTRY if d.code == code)
    rows = read_csv(client.get(f"/opendata/{dataset.identifier}/meta.csv"))
    assert rows[0] == ["property", "value"]
    names = [row[0] for row in rows[1:]]
    expected = [
        "data" if re.fullmatch(r"data-\d{8}-structure-\d{8}", name) else name for name in names
    ]
    expected = ["structure" if re.fullmatch(r"structure-\d{8}", n) else n for n in expected]
    assert tuple(expected) == PROPERTIES
    meta = dict(rows[1:])
    assert meta["identifier"] == dataset.identifier
    assert meta["standardversion"] == STANDARD_VERSION
    assert meta["format"] == "csv"
    assert re.fullmatch(r"\d{11}", meta["publisherphone"])
    for date in ("created", "modified", "valid"):
        assert re.fullmatch(r"\d{8}", meta[date])
    data_name = names[PROPERTIES.index("data")]
    assert data_name == f"data-{meta['modified']}-structure-{names[10].removeprefix('structure-')}"
    for name in (data_name, names[10]):
        url = meta[name]
        assert path_of(url) == f"/opendata/{dataset.identifier}/{name}.csv"
        assert client.get(path_of(url)).status_code == 200


def test_the_catalogue_page_lists_every_set_with_its_passport_and_files(client, records):
    response = client.get("/opendata/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru"' in html and "Открытые данные" in html
    assert "CC BY 4.0" in html and 'href="/opendata/list.csv"' in html
    for dataset in REGISTRY:
        assert str(dataset.title) in html
        assert f'href="/opendata/{dataset.identifier}/"' in html
        assert f'href="/opendata/{dataset.identifier}/meta.csv"' in html
        assert dataset.identifier in html
    for text in ("Владелец набора", "Ответственное лицо", "Периодичность", "Лицензия"):
        assert text in html


def test_a_passport_page_shows_the_passport_the_structure_and_every_file(client, records):
    dataset = REGISTRY.get(next(iter(REGISTRY)).identifier)
    response = client.get(f"/opendata/{dataset.identifier}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert str(dataset.title) in html
    for field in dataset.fields:
        assert f"<code>{field.name}</code>" in html
    for link in re.findall(r'href="(/opendata/[^"]+)"', html):
        assert client.get(link).status_code == 200, link


def test_an_unknown_set_answers_404_in_russian(client, records):
    response = client.get("/opendata/0000000000-nothing/")
    assert response.status_code == 404
    assert client.get("/opendata/0000000000-nothing/meta.csv").status_code == 404


def test_the_pages_stand_under_home_in_the_breadcrumbs(client, records):
    from tests.portal.test_page_layout import crumbs

    facilities = next(iter(REGISTRY))
    catalogue = client.get("/opendata/").content.decode()
    assert crumbs(catalogue) == [("Главная", "/"), ("Открытые данные", None)]
    passport = client.get(f"/opendata/{facilities.identifier}/").content.decode()
    assert crumbs(passport) == [
        ("Главная", "/"),
        ("Открытые данные", "/opendata/"),
        (str(facilities.title), None),
    ]


@pytest.mark.parametrize("code", ["facilities", "local-producers", "municipal-fairs"])
def test_the_sets_with_places_link_their_map_layer(client, records, code):
    dataset = next(dataset for dataset in REGISTRY if dataset.code == code)
    html = client.get(f"/opendata/{dataset.identifier}/").content.decode()
    (layer,) = re.findall(r'href="(/api/v1/geo/[^"]+)"', html)
    response = client.get(layer)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"

"""Facilities and projects as OC4IDS 0.9 project packages, valid against the published schema
shipped with the portal (resolved locally, tests/portal/opendata/oc4ids.py)."""

import copy

import pytest

from tests.portal.opendata.files import dataset, get_json, read_meta
from tests.portal.opendata.oc4ids import errors

pytestmark = pytest.mark.django_db


def package_of(client, code):
    meta = read_meta(client, code)
    modified = meta["modified"]
    return get_json(client, f"/opendata/{dataset(code).identifier}/oc4ids-{modified}.json")


@pytest.mark.parametrize("code", ["facilities", "municipal-projects"])
def test_the_package_is_valid_oc4ids(client, records, code):
    package = package_of(client, code)
    assert errors(package) == []
    assert package["version"] == "0.9"
    assert package["publisher"]["uid"] == dataset(code).identifier.split("-")[0]
    assert package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    ids = [project["id"] for project in package["projects"]]
    assert len(ids) == len(set(ids)) and all(i.startswith(dataset(code).identifier) for i in ids)


def test_facilities_carry_their_place_budget_status_and_parties(client, records):
    projects = package_of(client, "facilities")["projects"]
    school = next(p for p in projects if p["title"] == "Школа на Виноградной")
    assert school["budget"]["amount"] == {"amount": 1500000.0, "currency": "RUB"}
    assert school["status"] == "implementation" and school["sector"] == ["education"]
    assert {party["name"] for party in school["parties"]} >= {"ООО «Сочистрой»"}
    kindergarten = next(p for p in projects if p["title"] == "Детский сад")
    assert kindergarten["status"] == "completed"
    assert kindergarten["locations"][0]["geometry"] == {
        "type": "Point",
        "coordinates": [39.72, 43.58],
    }


def test_projects_carry_only_published_passports_with_their_budget(client, records):
    projects = package_of(client, "municipal-projects")["projects"]
    assert [p["title"] for p in projects] == ["Сочи помнит"]
    assert projects[0]["budget"]["amount"]["amount"] == 250000.0
    assert projects[0]["budget"]["budgetBreakdown"][0]["period"]["startDate"].startswith(
        "2026-01-01"
    )


@pytest.mark.parametrize(
    "break_it",
    [
        lambda package: package.pop("version"),
        lambda package: package.update(version="0.9.5"),
        lambda package: package.update(projects=[]),
        lambda package: package["projects"][0].pop("id"),
        lambda package: package["projects"][0].update(status="suspended"),
        lambda package: package["projects"][0].update(updated="вчера"),
        lambda package: package["projects"][0]["locations"][0].pop("id"),
        lambda package: package.update(license="not a uri"),
    ],
)
def test_a_broken_package_fails_validation(client, records, break_it):
    package = copy.deepcopy(package_of(client, "facilities"))
    break_it(package)
    assert errors(package) != []


def test_a_set_without_oc4ids_has_no_package(client, records):
    modified = read_meta(client, "shelter-pets")["modified"]
    response = client.get(f"/opendata/{dataset('shelter-pets').identifier}/oc4ids-{modified}.json")
    assert response.status_code == 404

"""A set's data in CSV and JSON: the header is the structure, the JSON matches its JSON Schema,
the rows are public records only, and an old file name answers 404 naming the current file."""

import datetime

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker

from calendar_pages.models import Facility
from portal.opendata.urls import REGISTRY
from tests.portal.opendata.conftest import EVERY_SET_PRIVATE, PRIVATE_FIELD_NAMES, SECRETS
from tests.portal.opendata.files import current_path, dataset, get_csv, get_json

pytestmark = pytest.mark.django_db
SETS = [d.code for d in REGISTRY]


@pytest.mark.parametrize("code", SETS)
def test_csv_and_json_hold_the_fields_of_the_structure_in_its_order(client, records, code):
    structure = get_csv(client, current_path(client, code, "structure"))
    assert structure[0] == ["field name", "english description", "russian description", "format"]
    names = [row[0] for row in structure[1:]]
    assert names == dataset(code).field_names
    assert all(row[1] and row[2] for row in structure[1:])
    assert any(row[1] != row[2] for row in structure[1:]), "described in English and Russian"

    data = get_csv(client, current_path(client, code))
    assert data[0] == names
    assert len(data) > 1, "the fixture has a public record in every set"
    assert {len(row) for row in data} == {len(names)}
    records_json = get_json(client, current_path(client, code, extension="json"))
    assert len(records_json) == len(data) - 1
    assert all(list(record) == names for record in records_json)


@pytest.mark.parametrize("code", SETS)
def test_the_json_data_matches_its_json_schema(client, records, code):
    schema = get_json(client, current_path(client, code, "structure", "json"))
    data = get_json(client, current_path(client, code, extension="json"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    assert [error.message for error in validator.iter_errors(data)] == []
    # The schema can fail: a column the structure does not have.
    assert list(validator.iter_errors([{**data[0], "microchip_number": "1"}]))


@pytest.mark.parametrize("code", SETS)
def test_no_file_holds_a_private_record_or_a_private_field(client, records, code):
    bodies = [
        client.get(current_path(client, code, kind, extension)).content.decode()
        for kind in ("data", "structure")
        for extension in ("csv", "json")
    ]
    for body in bodies:
        for secret in SECRETS.values():
            assert secret not in body
    header = get_csv(client, current_path(client, code))[0]
    private = {*EVERY_SET_PRIVATE, *PRIVATE_FIELD_NAMES.get(code, [])}
    assert not set(header) & private


def column(client, code, name):
    rows = get_csv(client, current_path(client, code))
    return [row[rows[0].index(name)] for row in rows[1:]]


def test_each_set_holds_its_public_records(client, records):
    assert column(client, "facilities", "name") == ["Детский сад", "Школа на Виноградной"]
    assert column(client, "municipal-projects", "title") == ["Сочи помнит"]
    assert column(client, "shelter-pets", "name") == ["Барсик"], "not hidden nor adopted ones"
    assert column(client, "local-producers", "name") == ["Пасека «Горная»"]
    assert column(client, "local-products", "name") == ["Мёд каштановый"]
    assert column(client, "municipal-fairs", "name") == ["Фермерский дворик"]
    assert column(client, "fair-days", "date") == ["2026-12-05"]
    assert column(client, "tos-contest-results", "contest") == ["Конкурс ТОС 2026"] * 2
    assert sorted(column(client, "tos-contest-results", "votes")) == ["1", "1"]


def test_values_are_written_for_machines(client, records):
    pets = get_json(client, current_path(client, "shelter-pets", extension="json"))
    assert pets[0]["microchipped"] is True and pets[0]["species"] == "Собака"
    producers = get_csv(client, current_path(client, "local-producers"))
    row = dict(zip(producers[0], producers[1], strict=True))
    assert row["phone"] == "78622000000" and row["categories"] == "Мёд"
    assert row["url"].endswith(f"/{records.producer.slug}/")
    facilities = get_json(client, current_path(client, "facilities", extension="json"))
    school = next(f for f in facilities if f["name"] == "Школа на Виноградной")
    assert school["budget"] == 1500 and school["planned_on_original"] == "2026-12-15"


def test_a_data_change_moves_the_date_of_last_change_and_the_file_name(client, records):
    long_ago = timezone.now() - datetime.timedelta(days=40)
    Facility.objects.update(updated_at=long_ago)
    old = current_path(client, "facilities")
    assert long_ago.astimezone(timezone.get_current_timezone()).strftime("%Y%m%d") in old

    records.facility.progress = 75
    records.facility.save()

    new = current_path(client, "facilities")
    assert new != old and timezone.localdate().strftime("%Y%m%d") in new
    assert client.get(new).status_code == 200


def test_an_old_file_name_answers_404_with_the_current_file(client, records):
    current = current_path(client, "facilities")
    modified = current.split("/data-")[1][:8]
    old = current.replace(f"/data-{modified}-", "/data-20200101-")
    response = client.get(old)
    assert response.status_code == 404
    text = response.content.decode()
    assert "Файла data-20200101" in text and current in text
    assert current in response["Link"] and 'rel="latest-version"' in response["Link"]
    identifier = dataset("facilities").identifier
    assert client.get(f"/opendata/{identifier}/structure-20200101.csv").status_code == 404
    assert (
        client.get(f"/opendata/{identifier}/data-20261399-structure-20261201.csv").status_code
        == 404
    )

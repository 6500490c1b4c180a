"""The facility document: only public catalog data, prepared the way the catalog searches it."""

import datetime

import pytest

from calendar_pages.models import District, FacilityStatus
from calendar_pages.search import FacilityDocument
from portal.search.es.indexes import index_definition
from tests.calendar_pages.factories import FacilityFactory

pytestmark = pytest.mark.django_db

STAFF_ONLY = {"budget", "contractor", "department", "updated_at", "recorded_by", "replans"}


def test_prepared_facility_holds_its_public_catalog_fields():
    facility = FacilityFactory(
        name="Школа № 7",
        district=District.KHOSTINSKY,
        planned_on_original=datetime.date(2026, 12, 1),
        description="Новая школа на 1100 мест.",
    )
    document = FacilityDocument.from_object(facility)
    data = document.to_dict(include_meta=True)
    assert data["_id"] == facility.pk
    assert data["_source"] == {
        "pk": facility.pk,
        "name": "Школа № 7",
        "slug": facility.slug,
        "facility_type": "school",
        "district": "khostinsky",
        "district_label": "Хостинский",
        "address": facility.address,
        "description": "Новая школа на 1100 мест.",
        "status": "under_construction",
        "progress": 50,
        "planned_on_original": datetime.date(2026, 12, 1),
        "planned_on": datetime.date(2026, 12, 1),
        "calendar_on": datetime.date(2026, 12, 1),
    }


def test_commissioned_facility_is_on_the_calendar_at_its_actual_date():
    facility = FacilityFactory(
        planned_on_original=datetime.date(2026, 6, 1),
        status=FacilityStatus.COMMISSIONED,
        commissioned_on=datetime.date(2026, 7, 15),
    )
    source = FacilityDocument.from_object(facility).to_dict()
    assert source["commissioned_on"] == datetime.date(2026, 7, 15)
    assert source["calendar_on"] == datetime.date(2026, 7, 15)


def test_staff_data_is_never_in_the_document():
    facility = FacilityFactory(contractor="ООО «Секрет»", department="Департамент")
    mapping = set(FacilityDocument._doc_type.mapping)
    assert not mapping & STAFF_ONLY
    source = FacilityDocument.from_object(facility).to_dict()
    assert "ООО «Секрет»" not in str(source)


def test_every_facility_is_public_and_indexed():
    facility = FacilityFactory()
    assert list(FacilityDocument.public_queryset()) == [facility]


def test_index_uses_the_russian_analyzer_with_yo_folded_to_ye():
    body = index_definition(FacilityDocument, "test_facilities-1").to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["russian_text"] == {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["yo_to_ye"],
        "filter": ["lowercase", "russian_stop", "russian_stemmer"],
    }
    assert analysis["char_filter"]["yo_to_ye"]["mappings"] == ["ё => е", "Ё => Е"]
    assert analysis["filter"]["russian_stemmer"] == {"type": "stemmer", "language": "russian"}
    assert analysis["filter"]["russian_stop"] == {"type": "stop", "stopwords": "_russian_"}
    properties = body["mappings"]["properties"]
    assert properties["name"] == {
        "type": "text",
        "analyzer": "russian_text",
        "fields": {"raw": {"type": "keyword"}},
    }
    assert properties["district"] == {"type": "keyword"}
    assert properties["calendar_on"] == {"type": "date"}

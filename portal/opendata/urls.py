"""The open-data section's addresses, and the registry of sets: each app declares its own in
`<app>/opendata.py`; this module names them, as portal/api/urls.py names the apps' viewsets, so it
is a composition root (tests/portal/test_layers.py) that only the URL configuration imports."""

from django.urls import path, register_converter

from calendar_pages import opendata as calendar_opendata
from contest import opendata as contest_opendata
from portal.opendata import views
from portal.opendata.registry import Registry
from producers import opendata as producers_opendata
from projects import opendata as projects_opendata
from shelter import opendata as shelter_opendata

REGISTRY = Registry(
    [
        *calendar_opendata.DATASETS,
        *projects_opendata.DATASETS,
        *shelter_opendata.DATASETS,
        *producers_opendata.DATASETS,
        *contest_opendata.DATASETS,
    ]
)

register_converter(views.StampConverter, "stamp")
SET = {"registry": REGISTRY}

urlpatterns = [
    path("", views.catalogue, SET, name="opendata"),
    path("list.csv", views.registry_csv, SET, name="opendata-list"),
    path("<slug:identifier>/", views.dataset_page, SET, name="opendata-dataset"),
    path("<slug:identifier>/meta.csv", views.meta_csv, SET, name="opendata-meta"),
    path(
        "<slug:identifier>/data-<stamp:modified>-structure-<stamp:structure>.csv",
        views.data_file,
        {**SET, "extension": "csv"},
        name="opendata-data-csv",
    ),
    path(
        "<slug:identifier>/data-<stamp:modified>-structure-<stamp:structure>.json",
        views.data_file,
        {**SET, "extension": "json"},
        name="opendata-data-json",
    ),
    path(
        "<slug:identifier>/structure-<stamp:structure>.csv",
        views.structure_file,
        {**SET, "extension": "csv"},
        name="opendata-structure-csv",
    ),
    path(
        "<slug:identifier>/structure-<stamp:structure>.json",
        views.structure_file,
        {**SET, "extension": "json"},
        name="opendata-structure-json",
    ),
    path(
        "<slug:identifier>/oc4ids-<stamp:modified>.json",
        views.oc4ids_file,
        SET,
        name="opendata-oc4ids",
    ),
]

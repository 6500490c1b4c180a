"""The API's addresses: /api/v1/ (every resource, read-only), its OpenAPI schema and the docs."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from calendar_pages.api import CityEventViewSet, FacilityViewSet
from calendar_pages.geo import FacilitiesGeoJSON
from contest.api import ContestViewSet
from news.api import NewsViewSet
from producers.api import FairViewSet, ProducerViewSet, ProductViewSet
from producers.geo import FairsGeoJSON, ProducersGeoJSON
from projects.api import ProjectViewSet
from shelter.api import PetViewSet

# Swagger UI adds one <style> element of its own (swagger-ui-dist 5); the site's CSP allows no
# inline style, so this page allows that one by its hash (tests/e2e/test_api_docs.py sees others).
SWAGGER_UI_STYLE = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
DOCS = csp_update({"style-src": [SWAGGER_UI_STYLE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)

router = DefaultRouter(trailing_slash=True)
router.register("contests", ContestViewSet, basename="api-contest")
router.register("events", CityEventViewSet, basename="api-event")
router.register("facilities", FacilityViewSet, basename="api-facility")
router.register("fairs", FairViewSet, basename="api-fair")
router.register("news", NewsViewSet, basename="api-news")
router.register("pets", PetViewSet, basename="api-pet")
router.register("producers", ProducerViewSet, basename="api-producer")
router.register("products", ProductViewSet, basename="api-product")
router.register("projects", ProjectViewSet, basename="api-project")

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("v1/geo/facilities/", FacilitiesGeoJSON.as_view(), name="api-geo-facilities"),
    path("v1/geo/producers/", ProducersGeoJSON.as_view(), name="api-geo-producers"),
    path("v1/geo/fairs/", FairsGeoJSON.as_view(), name="api-geo-fairs"),
    path("v1/", include(router.urls)),
    path("docs/", DOCS, name="api-docs"),
]

"""The producers' staff screens in the Wagtail admin (/admin/producers-moderation/): the
moderation queue, a decision, and the CSV export and import."""

from django.urls import path

from producers.views import admin as admin_views

app_name = "producers_moderation"
urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/", admin_views.decision, name="decision"),
    path("<int:pk>/approve/", admin_views.approve, name="approve"),
    path("<int:pk>/refuse/", admin_views.refuse, name="refuse"),
    path("csv/", admin_views.csv_page, name="csv"),
    path("csv/export/<str:kind>/", admin_views.export_csv, name="export"),
    path("csv/import/", admin_views.import_csv, name="import"),
]

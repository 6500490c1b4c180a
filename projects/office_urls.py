from django.urls import path

from projects.views import office

app_name = "projects_office"
urlpatterns = [
    path("", office.dashboard, name="dashboard"),
    path("export.csv", office.export_csv, name="export_csv"),
    path("export.xlsx", office.export_xlsx, name="export_xlsx"),
]

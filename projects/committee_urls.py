"""The project committee's decision desk (projects.views.committee): /admin/projects/committee/."""

from django.urls import path

from projects.views import committee

app_name = "projects_committee"
urlpatterns = [
    path("<int:meeting_id>/", committee.meeting, name="meeting"),
    path("<int:meeting_id>/decide/", committee.decide, name="decide"),
]

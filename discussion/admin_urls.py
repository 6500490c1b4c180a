"""The moderation queue in the Wagtail admin: /admin/discussion/."""

from django.urls import path

from discussion.views import admin

app_name = "discussion_admin"
urlpatterns = [
    path("", admin.queue, name="queue"),
    path("<int:pk>/", admin.decision, name="decision"),
    path("<int:pk>/approve/", admin.approve, name="approve"),
    path("<int:pk>/refuse/", admin.refuse, name="refuse"),
    path("<int:pk>/answer/", admin.answer, name="answer"),
]

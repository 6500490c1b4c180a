"""Account pages of our own, beside django-allauth's (mounted at /accounts/ too)."""

from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
]

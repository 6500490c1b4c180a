"""Account pages of our own, beside django-allauth's (mounted at /accounts/ too)."""

from django.urls import path

from accounts.views import cabinet as views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("phone/", views.verify_phone, name="verify_phone"),
    path("phone/confirm/", views.confirm_phone, name="confirm_phone"),
]

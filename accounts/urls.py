"""Account pages of our own, beside django-allauth's (mounted at /accounts/ too)."""

from django.urls import path

from accounts.views import cabinet as views
from accounts.views import personal_data

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/data.json", personal_data.download_json, name="data_json"),
    path("profile/data/", personal_data.download_html, name="data_html"),
    path("profile/delete/", personal_data.delete, name="delete"),
    path("goodbye/", personal_data.goodbye, name="goodbye"),
    path("phone/", views.verify_phone, name="verify_phone"),
    path("phone/confirm/", views.confirm_phone, name="confirm_phone"),
]

"""The one shelter URL that is not a page route: one-click unsubscribe from mail clients, which
POST without a CSRF token (see shelter.views.public.one_click_unsubscribe)."""

from django.urls import path

from shelter.views.public import one_click_unsubscribe

urlpatterns = [
    path("<str:token>/", one_click_unsubscribe, name="shelter_one_click_unsubscribe"),
]

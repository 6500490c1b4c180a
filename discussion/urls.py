"""Residents' discussion: /discussion/… (the threads themselves are on their pages)."""

from django.urls import path

from discussion.views import public

app_name = "discussion"
urlpatterns = [
    path("rules/", public.rules, name="rules"),
    path("pages/<int:page_id>/comments/", public.post, name="post"),
    path("pages/<int:page_id>/feed/", public.feed, name="feed"),
    path("comments/<int:pk>/report/", public.report, name="report"),
]

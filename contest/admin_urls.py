from django.urls import path

from contest.views import admin as admin_views
from contest.views import jury as jury_views
from contest.views import review as review_views

app_name = "contest_admin"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:contest_id>/votes/", admin_views.votes, name="votes"),
    path("<int:contest_id>/anomalies/", admin_views.anomalies, name="anomalies"),
    path("<int:contest_id>/audit/", admin_views.audit, name="audit"),
    path("<int:contest_id>/publish/", admin_views.publish, name="publish"),
    path("votes/<int:vote_id>/annul/", admin_views.annul, name="annul"),
    path("entries/<int:entry_id>/accept/", admin_views.accept, name="accept"),
]

# The jury's desk (contest.views.jury).
urlpatterns += [
    path("jury/", jury_views.index, name="jury_index"),
    path("jury/<int:contest_id>/", jury_views.contest, name="jury_contest"),
    path("jury/entries/<int:entry_id>/", jury_views.score, name="jury_score"),
    path("jury/entries/<int:entry_id>/conflict/", jury_views.conflict, name="jury_conflict"),
]

# ТОС and their applications (contest.views.review).
urlpatterns += [
    path("tos/", review_views.tos_list, name="tos"),
    path("tos/<int:tos_id>/decide/", review_views.tos_decide, name="tos_decide"),
    path("tos/<int:tos_id>/transfer/", review_views.tos_transfer, name="tos_transfer"),
    path("<int:contest_id>/applications/", review_views.application_list, name="applications"),
    path(
        "applications/<int:application_id>/",
        review_views.application_detail,
        name="application",
    ),
    path(
        "applications/<int:application_id>/documents/<int:document_id>/",
        review_views.application_document,
        name="application_document",
    ),
]

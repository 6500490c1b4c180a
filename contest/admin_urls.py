from django.urls import path

from contest.views import admin as admin_views
from contest.views import jury as jury_views

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

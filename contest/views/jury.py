"""The jury's desk in the Wagtail admin (group «Жюри конкурса ТОС» and superusers).

The list of contests with a jury stage, per contest the accepted entries with the juror's own
progress, per entry the score form and the declaration of a conflict of interest. The commission
(«Конкурс ТОС») opens the list and the contest pages read-only: counts of scored entries while the
stage is open, everyone's scores once it has closed (contest.jury.sees_all_scores).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from contest.jury import (
    COMMISSION_PERMISSION,
    JuryError,
    criteria_of,
    declare_conflict,
    is_juror,
    jury_scores,
    own_scores,
    progress,
    record_scores,
    scoring_refusal,
    sees_all_scores,
)
from contest.models import ContestPage, EntryPage, JuryScore
from contest.models.jury import SCORE_PERMISSION
from portal.russian import inner_quotes


def _require_desk(request):
    user = request.user
    if not (user.has_perm(SCORE_PERMISSION) or user.has_perm(COMMISSION_PERMISSION)):
        raise PermissionDenied


def _require_juror(request):
    if not is_juror(request.user):
        raise PermissionDenied


def _render(request, template, title, context, status=200):
    context.update({"page_title": title, "header_icon": "clipboard-list"})
    return TemplateResponse(request, template, context, status=status)


def index(request):
    _require_desk(request)
    contests = ContestPage.objects.filter(jury_closes_at__isnull=False).order_by("-voting_opens_at")
    return _render(
        request,
        "contest/admin/jury_index.html",
        _("Contest jury"),
        {"contests": contests, "now": timezone.now()},
    )


def contest(request, contest_id):
    _require_desk(request)
    contest = get_object_or_404(ContestPage, pk=contest_id, jury_closes_at__isnull=False)
    entries = list(contest.accepted_entries().select_related("acceptance"))
    all_scores = sees_all_scores(request.user, contest)
    context = {
        "contest": contest,
        "rows": progress(contest, entries, request.user),
        "criteria": criteria_of(contest),
        "is_juror": is_juror(request.user),
        "jury_open": contest.is_jury_open(),
        "sees_all": all_scores,
    }
    if all_scores:
        averages = jury_scores(contest, context["criteria"])
        for row in context["rows"]:
            row.jury_score = averages.get(row.entry.pk, "—")
        context["table"] = _score_table(contest, entries)
    return _render(
        request,
        "contest/admin/jury_contest.html",
        _("Jury: %(contest)s") % {"contest": contest.title},
        context,
    )


def _score_table(contest, entries):
    """[(entry, [(juror, [score per criterion])])] after the stage closes."""
    rows = {}
    scores = JuryScore.objects.filter(contest=contest).select_related("juror")
    for score in scores.order_by("juror__username", "criterion__sort_order", "criterion_id"):
        by_juror = rows.setdefault(score.entry_id, {})
        by_juror.setdefault(score.juror, []).append(score.score)
    return [(entry, list(rows.get(entry.pk, {}).items())) for entry in entries]


class ScoreForm(forms.Form):
    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.scale_max,
                help_text=_("From 0 to %(max)s. %(description)s")
                % {"max": criterion.scale_max, "description": criterion.description},
            )

    def scores(self):
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("How you are related to this entry"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def _entry(entry_id):
    entry = get_object_or_404(EntryPage.objects.select_related("acceptance"), pk=entry_id)
    contest = get_object_or_404(ContestPage, pk=entry.get_parent().pk)
    return contest, entry


def score(request, entry_id):
    """GET: the juror's own scores of the entry; POST: save them."""
    _require_juror(request)
    contest, entry = _entry(entry_id)
    criteria = criteria_of(contest)
    initial = {f"c{pk}": value for pk, value in own_scores(entry, request.user).items()}
    form = ScoreForm(criteria, request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                record_scores(contest, entry, request.user, form.scores())
            except JuryError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Your scores of «%(entry)s» are saved.")
                    % {"entry": inner_quotes(entry.title)},
                )
                return redirect("contest_admin:jury_contest", contest.pk)
        else:
            status = 400
    return _score_page(request, contest, entry, form, ConflictForm(), status)


@require_POST
def conflict(request, entry_id):
    _require_juror(request)
    contest, entry = _entry(entry_id)
    form = ConflictForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            declare_conflict(contest, entry, request.user, form.cleaned_data["reason"])
        except JuryError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(
                request,
                _("Your conflict of interest about «%(entry)s» is recorded; you do not score it.")
                % {"entry": inner_quotes(entry.title)},
            )
            return redirect("contest_admin:jury_contest", contest.pk)
    score_form = ScoreForm(criteria_of(contest))
    return _score_page(request, contest, entry, score_form, form, status)


def _score_page(request, contest, entry, form, conflict_form, status):
    refusal = scoring_refusal(contest, entry, request.user)
    return _render(
        request,
        "contest/admin/jury_score.html",
        _("Score: %(entry)s") % {"entry": entry.title},
        {
            "contest": contest,
            "entry": entry,
            "form": form,
            "conflict_form": conflict_form,
            "refusal": refusal,
        },
        status=status,
    )

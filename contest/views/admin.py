"""The contest commission's desk in the Wagtail admin (group "Конкурс ТОС" and superusers).

Contests with their entries to accept and results to publish, the votes with annulment, the
anomaly report and the audit log. Voters' personal data is shown here only: the group owns it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from contest.anomalies import anomaly_report
from contest.models import AuditEvent, ContestPage, EntryPage, Vote
from contest.results import publish_results
from portal.pagination import paginate
from portal.russian import inner_quotes

VIEW = "contest.view_vote"
ANNUL = "contest.change_vote"
PUBLISH = "contest.add_contestresults"
ACCEPT = "contest.add_entryacceptance"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _contest(contest_id):
    return get_object_or_404(ContestPage.objects.select_related("results"), pk=contest_id)


def _render(request, template, title, context, status=200):
    context.update({"page_title": title, "header_icon": "group"})
    return TemplateResponse(request, template, context, status=status)


def index(request):
    _require(request, VIEW)
    contests = (
        ContestPage.objects.select_related("results")
        .annotate(
            votes_total=Count("votes"),
            votes_annulled=Count("votes", filter=Q(votes__annulled_at__isnull=False)),
        )
        .order_by("-voting_opens_at")
    )
    contests_page = paginate(request, contests, per_page=10)
    entries = {}
    children = Q(pk__in=[])
    for contest in contests_page.object_list:
        children |= Q(path__startswith=contest.path, depth=contest.depth + 1)
    for entry in EntryPage.objects.filter(children).select_related("acceptance").order_by("title"):
        entries.setdefault(entry.path[: -EntryPage.steplen], []).append(entry)
    rows = [(contest, entries.get(contest.path, [])) for contest in contests_page.object_list]
    return _render(
        request,
        "contest/admin/index.html",
        _("TOS contest"),
        {
            "contests_page": contests_page,
            "rows": rows,
            "can_publish": request.user.has_perm(PUBLISH),
            "can_accept": request.user.has_perm(ACCEPT),
        },
    )


def votes(request, contest_id):
    _require(request, VIEW)
    contest = _contest(contest_id)
    queryset = Vote.objects.filter(contest=contest).select_related("entry", "voter", "annulled_by")
    status = request.GET.get("status", "")
    if status == "counted":
        queryset = queryset.filter(annulled_at__isnull=True)
    elif status == "annulled":
        queryset = queryset.filter(annulled_at__isnull=False)
    return _render(
        request,
        "contest/admin/votes.html",
        _("Votes: %(contest)s") % {"contest": contest.title},
        {
            "contest": contest,
            "votes_page": paginate(request, queryset, per_page=50),
            "status": status,
            "can_annul": request.user.has_perm(ANNUL) and not contest.results_published,
        },
    )


class AnnulForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for annulment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


def annul(request, vote_id):
    _require(request, ANNUL)
    vote = get_object_or_404(Vote.objects.select_related("contest", "entry"), pk=vote_id)
    form = AnnulForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                vote.annul(by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The vote %(code)s is annulled.") % {"code": vote.receipt_code}
                )
                return redirect("contest_admin:votes", vote.contest_id)
        status = 400
    return _render(
        request,
        "contest/admin/annul.html",
        _("Annul vote %(code)s") % {"code": vote.receipt_code},
        {"vote": vote, "form": form},
        status=status,
    )


def anomalies(request, contest_id):
    _require(request, VIEW)
    contest = _contest(contest_id)
    return _render(
        request,
        "contest/admin/anomalies.html",
        _("Anomaly report: %(contest)s") % {"contest": contest.title},
        {"contest": contest, "report": anomaly_report(contest)},
    )


def audit(request, contest_id):
    _require(request, VIEW)
    contest = _contest(contest_id)
    events = AuditEvent.objects.filter(contest=contest).select_related("actor", "vote")
    events_page = paginate(request, events.order_by("-at", "-pk"), 50)
    rows = _audit_rows(events_page.object_list)
    return _render(
        request,
        "contest/admin/audit.html",
        _("Audit log: %(contest)s") % {"contest": contest.title},
        {"contest": contest, "events_page": events_page, "rows": rows},
    )


# What each key of AuditEvent.details means to the commission.
DETAIL_LABELS = {
    "entry": gettext_lazy("Entry"),
    "reason": gettext_lazy("Reason"),
    "counted_votes": gettext_lazy("Votes counted"),
    "ballots_sha256": "SHA-256",
    "scores_sha256": gettext_lazy("SHA-256 of the jury scores"),
}


def _audit_rows(events):
    """[(event, [(label, value)])]: an entry by its title, not its page id; one query for all."""
    events = list(events)
    entry_ids = {e.details.get("entry") for e in events if isinstance(e.details, dict)}
    titles = dict(
        EntryPage.objects.filter(pk__in=[pk for pk in entry_ids if pk]).values_list("pk", "title")
    )
    rows = []
    for event in events:
        details = []
        for key, value in (event.details or {}).items():
            if key == "entry":
                value = titles.get(value, value)
            details.append((DETAIL_LABELS.get(key, key), "—" if value in (None, "") else value))
        rows.append((event, details))
    return rows


@require_POST
def publish(request, contest_id):
    _require(request, PUBLISH)
    contest = _contest(contest_id)
    try:
        publish_results(contest, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contest_admin:index")
    published = _("The results of «%(contest)s» are published.")
    messages.success(request, published % {"contest": inner_quotes(contest.title)})
    return redirect("contest_admin:index")


@require_POST
def accept(request, entry_id):
    _require(request, ACCEPT)
    entry = get_object_or_404(EntryPage.objects.select_related("acceptance"), pk=entry_id)
    try:
        entry.accept(by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("«%(entry)s» is accepted for voting.") % {"entry": inner_quotes(entry.title)}
        )
    return redirect("contest_admin:index")

"""The project committee's decision desk, in the Wagtail admin (the project office's area).

meeting/: one meeting's agenda, each project with the change of its passport waiting for the
committee (the draft against the version in force), the decisions taken at the meeting, and the
form recording a decision; decide/: the form's POST, through projects.committee.decide.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from projects import committee
from projects.models import CommitteeMeeting, DecisionKind, PassportVersion, ProjectPage

DECIDE = "projects.add_committeedecision"
TEMPLATE = "projects/admin/committee_meeting.html"


class DecisionForm(forms.Form):
    project = forms.ModelChoiceField(
        label=gettext_lazy("Project"),
        queryset=ProjectPage.objects.none(),
        error_messages={"invalid_choice": gettext_lazy("Choose a project from the agenda.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=DecisionKind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown in the passport history)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agenda = meeting.agenda.order_by("title")
        self.fields["project"].queryset = agenda
        if not self.is_bound and len(agenda) == 1:
            self.initial["project"] = agenda[0].pk


def _require(request):
    if not request.user.has_perm(DECIDE):
        raise PermissionDenied


def _meeting(meeting_id):
    return get_object_or_404(CommitteeMeeting.objects.select_related("protocol"), pk=meeting_id)


def meeting(request, meeting_id):
    _require(request)
    the_meeting = _meeting(meeting_id)
    return _render_meeting(request, the_meeting, DecisionForm(the_meeting))


@require_POST
def decide(request, meeting_id):
    _require(request)
    the_meeting = _meeting(meeting_id)
    form = DecisionForm(the_meeting, request.POST)
    if not form.is_valid():
        return _render_meeting(request, the_meeting, form, status=400)
    data = form.cleaned_data
    try:
        version = committee.decide(
            the_meeting, data["project"], data["kind"], data["reason"], by=request.user
        )
    except committee.CommitteeError as error:
        form.add_error(None, error.message)
        return _render_meeting(request, the_meeting, form, status=error.status)
    messages.success(
        request,
        _("Decision recorded: «%(project)s», passport version %(number)s is published.")
        % {"project": version.project.title, "number": version.number},
    )
    return redirect("projects_committee:meeting", meeting_id=the_meeting.pk)


def _render_meeting(request, the_meeting, form, status=200):
    agenda = list(the_meeting.agenda.order_by("title"))
    latest = {}
    for version in PassportVersion.objects.filter(project__in=agenda).order_by("number"):
        latest[version.project_id] = version
    items = []
    for project in agenda:
        version = latest.get(project.pk)
        plan = version.plan if version is not None else None
        items.append(
            {
                "project": project,
                "version": version,
                "changes": committee.pending_changes(project, plan),
            }
        )
    decisions = the_meeting.decisions.select_related("project", "version", "recorded_by")
    context = {
        "page_title": str(the_meeting),
        "header_icon": "group",
        "meeting": the_meeting,
        "agenda": items,
        "decisions": list(decisions),
        "form": form,
    }
    return TemplateResponse(
        request, "projects/admin/committee_meeting.html", context, status=status
    )

"""The staff desk for ТОС and their applications, under the contest's admin (group «Конкурс ТОС»).

tos/: every registered ТОС, those awaiting confirmation first, with confirm, refuse and a new
chair; <contest>/applications/: a contest's applications by state; applications/<id>/: one
application with the checklist, the three decisions and its history.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from contest import applications
from contest.applications import CHECKLIST, ApplicationError
from contest.models import ApplicationDocument, ApplicationState, EntryApplication, Tos, TosStatus
from contest.views.admin import _contest, _render, _require
from portal.pagination import paginate

REVIEW = "contest.change_entryapplication"
CONFIRM = "contest.change_tos"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("accept", gettext_lazy("Accept and publish the entry")),
            ("return", gettext_lazy("Return for changes")),
            ("refuse", gettext_lazy("Refuse")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comments or reason (sent to the chair)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    resubmit_by = forms.DateTimeField(
        label=gettext_lazy("New deadline for resubmission (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST.items():
            self.fields[key] = forms.BooleanField(label=label, required=False)

    def checklist(self):
        return {key: self.cleaned_data.get(key, False) for key in CHECKLIST}


class TosDecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("confirm", "confirm"), ("refuse", "refuse")])
    reason = forms.CharField(max_length=2000, required=False)


class TransferForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail of the new chair's account"))
    full_name = forms.CharField(label=gettext_lazy("New chair's full name"), max_length=200)


def tos_list(request):
    _require(request, CONFIRM)
    pending_first = Case(
        When(status=TosStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    queryset = Tos.objects.select_related("chair").order_by(pending_first, "-registered_at")
    return _render(
        request,
        "contest/admin/tos_list.html",
        _("ТОС"),
        {"tos_page": paginate(request, queryset, per_page=30), "transfer_form": TransferForm()},
    )


@require_POST
def tos_decide(request, tos_id):
    _require(request, CONFIRM)
    tos = get_object_or_404(Tos.objects.select_related("chair"), pk=tos_id)
    form = TosDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose confirm or refuse."))
        return redirect("contest_admin:tos")
    try:
        if form.cleaned_data["action"] == "confirm":
            tos.confirm(by=request.user)
            messages.success(request, _("The ТОС «%(name)s» is confirmed.") % {"name": tos.name})
        else:
            tos.refuse(by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The ТОС «%(name)s» is refused.") % {"name": tos.name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("contest_admin:tos")


@require_POST
def tos_transfer(request, tos_id):
    _require(request, CONFIRM)
    tos = get_object_or_404(Tos.objects.select_related("chair"), pk=tos_id)
    form = TransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the e-mail and full name of the new chair."))
        return redirect("contest_admin:tos")
    user = (
        get_user_model()
        .objects.filter(email__iexact=form.cleaned_data["email"], is_active=True)
        .first()
    )
    if user is None:
        messages.error(request, _("No active account with this e-mail."))
        return redirect("contest_admin:tos")
    try:
        tos.transfer_to(user, full_name=form.cleaned_data["full_name"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The ТОС «%(name)s» has a new chair.") % {"name": tos.name})
    return redirect("contest_admin:tos")


def application_list(request, contest_id):
    _require(request, REVIEW)
    contest = _contest(contest_id)
    state = request.GET.get("state", "")
    queryset = (
        EntryApplication.objects.filter(contest=contest)
        .exclude(state=ApplicationState.DRAFT)
        .select_related("tos")
        .order_by("-submitted_at", "-pk")
    )
    if state in ApplicationState.values:
        queryset = queryset.filter(state=state)
    else:
        state = ""
    return _render(
        request,
        "contest/admin/applications.html",
        _("Applications: %(contest)s") % {"contest": contest.title},
        {
            "contest": contest,
            "applications_page": paginate(request, queryset, per_page=30),
            "state": state,
            "states": [c for c in ApplicationState.choices if c[0] != ApplicationState.DRAFT],
        },
    )


def application_detail(request, application_id):
    _require(request, REVIEW)
    application = get_object_or_404(
        EntryApplication.objects.select_related("contest", "tos__chair", "entry"),
        pk=application_id,
    )
    initial = {"tos_confirmed": application.tos.is_confirmed}
    form = DecisionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _decide(request, application, form)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                return redirect("contest_admin:application", application.pk)
        status = 400
    return _render(
        request,
        "contest/admin/application.html",
        str(application),
        {
            "application": application,
            "form": form,
            "can_decide": application.state == ApplicationState.SUBMITTED,
            "photos": application.photos.select_related("image"),
            "documents": application.documents.all(),
            "events": application.events.select_related("by"),
            "checklist_labels": CHECKLIST,
        },
        status=status,
    )


def _decide(request, application, form):
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
    checklist = form.checklist()
    if decision == "accept":
        applications.accept(application, by=request.user, checklist=checklist)
        messages.success(request, _("The application is accepted; the entry page is published."))
    elif decision == "return":
        applications.return_for_changes(
            application,
            by=request.user,
            comment=comment,
            resubmit_by=form.cleaned_data["resubmit_by"],
            checklist=checklist,
        )
        messages.success(request, _("The application is returned to the chair."))
    else:
        applications.refuse(application, by=request.user, reason=comment, checklist=checklist)
        messages.success(request, _("The application is refused."))


def application_document(request, application_id, document_id):
    """A document of an application, for the commission only: the file has no public address
    (portal.storage.private_storage), so this is the one way to it."""
    _require(request, REVIEW)
    document = get_object_or_404(ApplicationDocument, pk=document_id, application_id=application_id)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.title[:100]}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response

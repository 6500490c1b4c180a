"""The project committee's decisions on passports: the only way an approved passport's plan changes.

`decide()` takes one decision on one project of a meeting's agenda, in one transaction with the
page row locked: it puts the latest revision of the passport (the project office's draft) into
effect with the decision's status, date and protocol number, publishes it without a moderation
step (the decision is the authority; Wagtail's audit log records the publication and the
decision), and keeps the published plan as the next PassportVersion.

A project approved before the committee's desk existed has no version: its first decision records
the approval the passport names (its decision date and protocol number) as version 1, the live plan,
so the history starts there; without those, the first decision makes version 1 and a change is
measured against the live plan.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from projects.models import (
    APPROVED_STATUSES,
    CommitteeDecision,
    CommitteeMeeting,
    DecisionKind,
    PassportVersion,
    ProjectPage,
    ProjectStatus,
)
from projects.passport_versions import changes, guarded_part, plan_of

LOG_ACTION = "projects.committee_decision"

# The status each decision gives the passport (a change keeps the status it had).
STATUS_AFTER = {
    DecisionKind.APPROVE: ProjectStatus.APPROVED,
    DecisionKind.SUSPEND: ProjectStatus.SUSPENDED,
    DecisionKind.CLOSE: ProjectStatus.COMPLETED,
}
REASON_REQUIRED = {DecisionKind.CHANGE, DecisionKind.SUSPEND, DecisionKind.CLOSE}


class CommitteeError(Exception):
    """The decision was not recorded; `message` is the Russian reason, `status` the HTTP answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def current_plan(project):
    """The plan in force: the latest version's, or the live page's for a passport with none."""
    version = project.passport_versions.order_by("-number").first()
    if version is not None:
        return version.plan
    return plan_of(ProjectPage.objects.get(pk=project.pk))


def pending_changes(project, plan_in_force=None):
    """The Russian change list between the plan in force and the passport's latest draft."""
    draft = project.get_latest_revision_as_object()
    if plan_in_force is None:
        plan_in_force = current_plan(project)
    return changes(plan_in_force, plan_of(draft))


def decide(meeting, project, kind, reason, by):
    """Record the committee's decision `kind` on `project` at `meeting`; the new PassportVersion.

    Raises CommitteeError (nothing changed) when the decision cannot be taken.
    """
    kind = DecisionKind(kind)
    reason = (reason or "").strip()
    if kind in REASON_REQUIRED and not reason:
        raise CommitteeError(_("Give the reason for the decision: residents will read it."))
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=project.pk).first()
        live = ProjectPage.objects.get(pk=project.pk)
        if not meeting.agenda.filter(pk=live.pk).exists():
            raise CommitteeError(
                _("The project «%(project)s» is not on the agenda of this meeting.")
                % {"project": live.title}
            )
        versions = live.passport_versions.order_by("-number")
        latest = versions.first() or _original_approval(live, by)
        plan_in_force = latest.plan if latest is not None else plan_of(live)
        draft = live.get_latest_revision_as_object()
        _check(kind, live, draft, plan_in_force)
        if kind in STATUS_AFTER:
            draft.status = STATUS_AFTER[kind]
        draft.decision_on = meeting.held_on
        draft.protocol_number = meeting.number
        try:
            revision = draft.save_revision(user=by, log_action=True)
        except ValidationError as error:
            raise CommitteeError(
                _("The passport draft cannot be published: %(errors)s")
                % {"errors": " ".join(error.messages)}
            ) from error
        revision.publish(user=by, skip_permission_checks=True)
        published = ProjectPage.objects.get(pk=live.pk)
        decision = CommitteeDecision.objects.create(
            meeting=meeting,
            project=published,
            kind=kind,
            reason=reason,
            revision=revision,
            recorded_by=by,
        )
        number = (versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = PassportVersion.objects.create(
            project=published,
            number=number,
            decision=decision,
            approved_on=meeting.held_on,
            plan=plan_of(published),
        )
        log(
            instance=published,
            action=LOG_ACTION,
            user=by,
            data={
                "kind": kind.value,
                "meeting": meeting.number,
                "held_on": meeting.held_on.isoformat(),
                "version": number,
                "reason": reason,
            },
            revision=revision,
        )
    return version


def _original_approval(live, by):
    """Version 1 for a passport approved before the desk existed, from the decision it names; None
    when it names none (a proposal, or a passport without a decision date or protocol number)."""
    if live.status == ProjectStatus.PROPOSAL or not (live.decision_on and live.protocol_number):
        return None
    meeting, _created = CommitteeMeeting.objects.get_or_create(
        number=live.protocol_number, defaults={"held_on": live.decision_on}
    )
    meeting.agenda.add(live)
    decision = CommitteeDecision.objects.create(
        meeting=meeting,
        project=live,
        kind=DecisionKind.APPROVE,
        revision=live.live_revision,
        recorded_by=by,
    )
    return PassportVersion.objects.create(
        project=live, number=1, decision=decision, approved_on=meeting.held_on, plan=plan_of(live)
    )


def _check(kind, live, draft, plan_in_force):
    draft_plan = plan_of(draft)
    plan_changed = guarded_part(draft_plan) != guarded_part(plan_in_force)
    if kind == DecisionKind.APPROVE:
        # A proposal is approved; a suspended project is approved again to resume.
        if live.status not in (ProjectStatus.PROPOSAL, ProjectStatus.SUSPENDED):
            raise CommitteeError(
                _("The passport of «%(project)s» is already approved: decide on a change instead.")
                % {"project": live.title},
                status=409,
            )
        return
    if live.status == ProjectStatus.PROPOSAL:
        raise CommitteeError(
            _("The passport of «%(project)s» is not approved yet: approve it first.")
            % {"project": live.title},
            status=409,
        )
    if kind == DecisionKind.CHANGE:
        if live.status not in APPROVED_STATUSES:
            raise CommitteeError(
                _("The project «%(project)s» is suspended: only an approved passport is changed.")
                % {"project": live.title},
                status=409,
            )
        if not plan_changed:
            raise CommitteeError(
                _(
                    "The passport draft of «%(project)s» does not change the plan (dates, "
                    "indicators, budget): save the change as a draft of the passport first."
                )
                % {"project": live.title},
                status=409,
            )
        return
    if live.status == STATUS_AFTER[kind]:
        raise CommitteeError(
            _("The project «%(project)s» already has the status «%(status)s».")
            % {"project": live.title, "status": live.get_status_display()},
            status=409,
        )
    if live.status == ProjectStatus.COMPLETED:
        raise CommitteeError(
            _("The project «%(project)s» is closed.") % {"project": live.title}, status=409
        )
    if guarded_part(draft_plan) != guarded_part(plan_of(live)):
        # Publishing the draft would put an undecided plan change into effect with the status.
        raise CommitteeError(
            _(
                "The passport draft of «%(project)s» changes the plan: decide on the change first, "
                "or discard the draft."
            )
            % {"project": live.title},
            status=409,
        )

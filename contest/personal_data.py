"""What the contest keeps about a voter (portal.personal_data): the votes.

On deletion of the account a vote keeps its ballot (receipt code, entry, time), so the tally and
the published ballot list do not change; it loses the account, the network and the phone prefix.
The phone's keyed hash stays until the contest's retention ends (contest.retention), so the same
phone cannot vote again in that contest from a new account (contest.voting).
"""

from django.utils.translation import gettext_lazy as _

from contest.models import (
    ApplicationEvent,
    AuditEvent,
    ConflictDeclaration,
    ContestResults,
    Criterion,
    EntryAcceptance,
    EntryApplication,
    JuryScore,
    Tos,
    Vote,
)
from portal.personal_data import Holding, outside, record, register

VOTE_FIELDS = (
    "contest",
    "entry",
    "receipt_code",
    "cast_at",
    "voter",
    "network",
    "phone_prefix",
    "annulled_at",
    "annul_reason",
)
STAFF_SIGNATURE = "the staff member who did it: a record of their work, not the voter's data"


def _votes(person):
    return person.accounts_rows(Vote.objects, "voter").select_related("contest", "entry", "voter")


def erase(person):
    person.accounts_rows(Vote.objects, "voter").update(voter=None, network="", phone_prefix="")


def section(person):
    votes = list(_votes(person).order_by("-cast_at"))
    return {"votes": votes} if votes else None


register(
    Holding(
        code="contest.votes",
        title=_("Votes in city contests"),
        on_deletion=_(
            "Your votes stay in the count and in the published ballot list (receipt code, entry, "
            "time) without your account, network and phone prefix. Until the contest's retention "
            "period ends a keyed hash of your phone stays with the vote: the same phone cannot "
            "vote again in that contest from a new account."
        ),
        fields={Vote: VOTE_FIELDS},
        kept_out={
            Vote: {
                "id": "the row's number",
                "annulled_by": STAFF_SIGNATURE,
                "phone_key": "a keyed hash of the phone that nobody can read back",
            },
            AuditEvent: {
                "id": "the row's number",
                "contest": "the contest's audit log: no more about you than the vote itself",
                "action": "the contest's audit log: no more about you than the vote itself",
                "vote": "the contest's audit log: no more about you than the vote itself",
                "at": "the contest's audit log: no more about you than the vote itself",
                "details": "the entry voted for, as in the vote",
                "actor": STAFF_SIGNATURE + "; a vote is logged without one",
            },
        },
        export=lambda person: [record(vote, VOTE_FIELDS) for vote in _votes(person)],
        erase=erase,
        template="contest/profile/votes.html",
        section=section,
        order=30,
    )
)
outside(EntryAcceptance, {"accepted_by": STAFF_SIGNATURE})
outside(ContestResults, {"published_by": STAFF_SIGNATURE})
# The jury: a juror's scores and conflict declarations are their work as staff, published only by
# anonymised juror number (contest.jury.scores_csv_bytes); a criterion's name is not a person's.
outside(JuryScore, {"juror": STAFF_SIGNATURE})
outside(ConflictDeclaration, {"juror": STAFF_SIGNATURE})
outside(Criterion, {"name": "the name of a jury criterion, not of a person"})


# --- the ТОС a resident chairs and its applications (contest.models.tos, .applications) ------

TOS_FIELDS = (
    "name",
    "district",
    "territory",
    "decision_date",
    "decision_number",
    "chair",
    "chair_full_name",
    "contacts",
    "status",
    "registered_at",
    "refusal_reason",
)
APPLICATION_FIELDS = (
    "contest",
    "tos",
    "nomination",
    "description",
    "achievements",
    "figures",
    "state",
    "created_at",
    "submitted_at",
)
ABOUT_THE_TOS = "the ТОС's own record, not the chair's"


def _chaired(person):
    return person.accounts_rows(Tos.objects, "chair")


def _applications(person):
    return EntryApplication.objects.filter(tos__in=_chaired(person)).select_related(
        "contest", "tos"
    )


def _export_tos(person):
    return [record(tos, TOS_FIELDS) for tos in _chaired(person)] + [
        record(application, APPLICATION_FIELDS) for application in _applications(person)
    ]


def _erase_tos(person):
    """The ТОС and its applications stay (they are the ТОС's, and its entry pages are public);
    the chair's account, name and contacts leave them. Staff name the next chair."""
    _chaired(person).update(chair=None, chair_full_name="", contacts="")


def _tos_section(person):
    tos = _chaired(person).first()
    if tos is None:
        return None
    return {"tos": tos, "applications": list(_applications(person).order_by("-created_at"))}


register(
    Holding(
        code="contest.tos",
        title=_("The ТОС you chair and its contest applications"),
        on_deletion=_(
            "The ТОС and its applications stay: they belong to the ТОС, and accepted entries are "
            "public. Your account, your name as the chair and the contacts you gave are removed "
            "from the ТОС; the contest's staff name its next chair."
        ),
        fields={Tos: TOS_FIELDS, EntryApplication: APPLICATION_FIELDS},
        kept_out={
            Tos: {
                "id": "the row's number",
                "decided_at": ABOUT_THE_TOS,
                "decided_by": STAFF_SIGNATURE,
            },
            EntryApplication: {
                "id": "the row's number",
                "updated_at": "the portal's own bookkeeping",
                "resubmit_by": "a deadline staff set",
                "entry": "the public entry page made from it",
            },
        },
        export=_export_tos,
        erase=_erase_tos,
        template="contest/profile/tos.html",
        section=_tos_section,
        order=31,
    )
)
outside(ApplicationEvent, {"by": STAFF_SIGNATURE + ", or the chair's own submission"})

"""What the contest keeps about a voter (portal.personal_data): the votes.

On deletion of the account a vote keeps its ballot (receipt code, entry, time), so the tally and
the published ballot list do not change; it loses the account, the network and the phone prefix.
The phone's keyed hash stays until the contest's retention ends (contest.retention), so the same
phone cannot vote again in that contest from a new account (contest.voting).
"""

from django.utils.translation import gettext_lazy as _

from contest.models import (
    AuditEvent,
    ConflictDeclaration,
    ContestResults,
    Criterion,
    EntryAcceptance,
    JuryScore,
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

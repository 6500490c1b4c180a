"""The vote receipt e-mail, written by a worker rather than by the voting request.

The vote's transaction stores only a task row naming the vote (contest.voting); the worker reads
the vote, renders the message and puts it in the portal's outbox (portal.mail), which sends it
with its retries. Rendering two templates and storing the message used to take a good part of
each vote request, at the very moment thousands vote at once. The task row commits, or rolls
back, with the vote, so a refused vote leaves no message behind; django-tasks runs a task at
most once, as the outbox sends at most once, so no voter gets the receipt twice.
"""

from django.conf import settings
from django.utils import formats, timezone
from django_tasks import task

from portal.mail import send_templated
from portal.public_url import absolute

TEMPLATE = "contest/mail/vote_receipt"


def queue_receipt(vote, email):
    """Have a worker mail `email` the receipt of `vote`, once the vote's transaction commits."""
    send_vote_receipt.using(backend=settings.PORTAL_MAIL_TASK_BACKEND).enqueue(vote.pk, email)


@task(backend="scheduled", queue_name="mail")
def send_vote_receipt(vote_id, email):
    from contest.models import Vote

    vote = Vote.objects.select_related("contest", "entry").get(pk=vote_id)
    contest = vote.contest
    send_templated(
        email,
        TEMPLATE,
        {
            "contest": contest,
            "vote": vote,
            "check_url": absolute(f"{contest.get_url()}check/?code={vote.receipt_code}"),
            "cast_at": formats.date_format(timezone.localtime(vote.cast_at), "j E Y, H:i"),
        },
    )

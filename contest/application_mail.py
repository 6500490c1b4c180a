"""The letters of the ТОС registration and of applications, queued in the caller's transaction.

Staff decisions and submissions are rare, so they are rendered right away into the portal's
outbox (portal.mail), which sends them after commit with its retries: a decision that rolls back
leaves no letter behind.
"""

from portal.mail import send_templated
from portal.public_url import absolute


def _chair_email(tos):
    chair = tos.chair
    return chair.email if chair is not None and chair.email else None


def mail_chair(tos, template):
    """A letter about the ТОС itself (confirmed, refused, handed over) to its chair."""
    email = _chair_email(tos)
    if email:
        my_tos = absolute(_my_tos_path(tos))
        send_templated(email, template, {"tos": tos, "my_tos_url": my_tos})


def mail_application(application, template, *, comment=""):
    """A letter about `application` (submitted, returned, refused, accepted) to the ТОС's chair."""
    email = _chair_email(application.tos)
    if not email:
        return
    contest = application.contest
    context = {
        "application": application,
        "contest": contest,
        "tos": application.tos,
        "comment": comment,
        "application_url": absolute(
            contest.url + contest.reverse_subpage("application", args=[application.pk])
        ),
        "deadline": application.deadline(),
    }
    if application.entry is not None:
        context["entry_url"] = absolute(application.entry.url)
    send_templated(email, template, context)


def _my_tos_path(tos):
    from contest.models import ContestIndexPage

    index = ContestIndexPage.objects.live().first()
    if index is None:
        return "/"
    return index.url + index.reverse_subpage("my_tos")

"""E-mails to a comment's author about the moderator's decision (portal.mail: saved, then sent)."""

from django.urls import reverse

from portal.mail import send_templated
from portal.public_url import absolute


def _tell_author(comment, template):
    author = comment.author
    if author is None or not author.email or comment.official:
        return None
    page = comment.page.specific_deferred
    return send_templated(
        author.email,
        template,
        {
            "comment": comment,
            "page_title": page.title,
            "comment_url": absolute(f"{page.url}#comment-{comment.pk}"),
            "rules_url": absolute(reverse("discussion:rules")),
        },
    )


def notify_approved(comment):
    return _tell_author(comment, "discussion/mail/approved")


def notify_refused(comment):
    return _tell_author(comment, "discussion/mail/refused")

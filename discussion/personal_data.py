"""What the discussion keeps about a person: comments and reports (portal.personal_data).

On deletion of the account the comments stay under their pages (replies and answers under them
would lose their sense), anonymised: no author, «Удалённый пользователь» as the name. Reports
stay for the moderators without the reporter.
"""

from django.utils.translation import gettext_lazy as _

from discussion.models import Comment, CommentReport
from portal.personal_data import Holding, record, register

DELETED_NAME = "Удалённый пользователь"

COMMENT_FIELDS = (
    "page",
    "display_name",
    "text",
    "parent",
    "state",
    "refusal_reason",
    "refusal_text",
    "created_at",
    "published_at",
)
REPORT_FIELDS = ("comment", "reason", "created_at")


def _comments(person):
    if person.user is None:
        return Comment.objects.none()
    return Comment.objects.filter(author=person.user).select_related("page")


def _reports(person):
    if person.user is None:
        return CommentReport.objects.none()
    return CommentReport.objects.filter(reporter=person.user)


def export_comments(person):
    return [
        {**record(comment, COMMENT_FIELDS), "url": comment.page.url}
        for comment in _comments(person).select_related("parent")
    ]


def export_reports(person):
    return [record(report, REPORT_FIELDS) for report in _reports(person).select_related("comment")]


def erase_comments(person):
    _comments(person).update(author=None, display_name=DELETED_NAME)


def erase_reports(person):
    _reports(person).update(reporter=None)


def comments_section(person):
    comments = list(_comments(person).order_by("-created_at"))
    return {"comments": comments} if comments else None


register(
    Holding(
        code="discussion.comments",
        title=_("Comments"),
        on_deletion=_(
            "Your comments stay under the pages without your account: the name shown becomes "
            "«Удалённый пользователь»."
        ),
        fields={Comment: COMMENT_FIELDS},
        kept_out={
            Comment: {
                "id": "the record's number",
                "author": "the account itself, removed on deletion",
                "official": "set by staff for their own answers",
                "moderated_at": "the moderator's doing",
                "moderated_by": "a staff member, not the author",
            }
        },
        export=export_comments,
        erase=erase_comments,
        template="discussion/profile_section.html",
        section=comments_section,
        order=70,
    ),
    Holding(
        code="discussion.reports",
        title=_("Reports on comments"),
        on_deletion=_("Your reports stay with the moderators without your account."),
        fields={CommentReport: REPORT_FIELDS},
        kept_out={
            CommentReport: {
                "id": "the record's number",
                "reporter": "the account itself, removed on deletion",
                "resolved_at": "the moderator's doing",
            }
        },
        export=export_reports,
        erase=erase_reports,
        order=71,
    ),
)

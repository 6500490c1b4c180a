"""Who may post under a page (`posting_refusal`), and posting: a comment, a report, an answer.

A resident posts when signed in with a confirmed e-mail address (accounts.verification); the
phone is not asked. Every attempt by a signed-in person counts against the rate limits per
account and per client address (settings.PORTAL_RATE_LIMITS "comment_*"), refused ones included.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.verification import has_confirmed_email
from discussion.models import Comment, CommentState, DiscussionError
from portal.ratelimit import allow

OFFICIAL_NAME = "Администрация города Сочи"


def posting_refusal(page, user):
    """Why `user` may not post under `page` now, or None."""
    if not page.comments_open:
        return DiscussionError(_("Discussion of this page is closed."), status=403)
    if not user.is_authenticated:
        return DiscussionError(_("Sign in to take part in the discussion."), status=403)
    if not user.is_active or not has_confirmed_email(user):
        return DiscussionError(
            _("Confirm your e-mail address to take part in the discussion."), status=403
        )
    return None


def reply_parent(page, parent_id):
    """The published top comment of `page` a reply to `parent_id` goes under, or None for a new
    thread; a reply to a reply goes under the same top comment (one level of nesting)."""
    if parent_id is None:
        return None
    parent = Comment.objects.approved().filter(page=page, pk=parent_id).first()
    if parent is None:
        raise DiscussionError(_("The comment you are replying to is not published."), status=400)
    return parent.thread_root()


def post_comment(page, user, *, text, display_name, parent_id, client_address):
    """Save the resident's comment for moderation and return it, or raise DiscussionError."""
    refusal = posting_refusal(page, user)
    if refusal is not None:
        raise refusal
    if not allow("comment_account", user.pk) or not allow(
        "comment_ip", client_address or "unknown"
    ):
        raise DiscussionError(
            _("Too many comments in a short time. Please try again later."), status=429
        )
    return Comment.objects.create(
        page=page,
        author=user,
        display_name=display_name,
        text=text,
        parent=reply_parent(page, parent_id),
    )


def report_comment(comment, user, *, reason, client_address):
    """A signed-in resident's report; the comment goes back to the moderation queue."""
    if not user.is_active or not has_confirmed_email(user):
        raise DiscussionError(_("Confirm your e-mail address to report a comment."), status=403)
    if not allow("comment_report", user.pk) or not allow(
        "comment_report_ip", client_address or "unknown"
    ):
        raise DiscussionError(
            _("Too many reports in a short time. Please try again later."), status=429
        )
    return comment.report(by=user, reason=reason)


def post_official_answer(comment, *, by, text):
    """Staff's answer under a published comment, marked «Ответ администрации», public at once."""
    if not comment.is_approved:
        raise DiscussionError(_("Approve the comment before answering it."), status=400)
    now = timezone.now()
    return Comment.objects.create(
        page_id=comment.page_id,
        author=by,
        display_name=OFFICIAL_NAME,
        text=text,
        parent=comment.thread_root(),
        official=True,
        state=CommentState.APPROVED,
        moderated_by=by,
        moderated_at=now,
        published_at=now,
    )

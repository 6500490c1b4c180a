"""A page's discussion as one visitor sees it: a page of top comments with their replies, the
number of published comments, and the form or the reason there is none.

Three queries whatever the size of the thread (the counts, a page of top comments, their
replies), plus one or two for a signed-in resident (may they post, their last display name).
What an anonymous visitor sees is the same for everyone, so the page cache keeps it; any write
to the comments' table out-dates it (docs/page-cache.md).
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from discussion.forms import CommentForm, last_display_name
from discussion.models import Comment, CommentState
from discussion.posting import posting_refusal
from portal.pagination import paginate

TOP_COMMENTS_PER_PAGE = 50


@dataclass
class Thread:
    page: object
    count: int  # published comments, replies included
    comments_page: object  # top comments, each with `thread_replies`
    form: CommentForm | None
    refusal: object  # DiscussionError: why this visitor cannot post, or None

    @property
    def is_open(self):
        return self.page.comments_open


def thread_for(page, request, form=None):
    user = request.user
    comments = Comment.objects.filter(page=page).visible_to(user)
    counts = comments.aggregate(
        published=Count("pk", filter=Q(state=CommentState.APPROVED)),
        top=Count("pk", filter=Q(parent=None)),
    )
    top = comments.filter(parent=None).order_by("created_at", "pk")
    comments_page = paginate(request, top, per_page=TOP_COMMENTS_PER_PAGE, count=counts["top"])
    attach_replies(comments_page, comments)
    refusal = posting_refusal(page, user)
    if refusal is None:
        name = last_display_name(user)
        form = form or CommentForm(initial={"display_name": name})
        attach_reply_forms(comments_page.object_list, name)
    return Thread(page, counts["published"], comments_page, form, refusal)


def attach_reply_forms(top, name):
    """A reply form under each published top comment, with ids of its own on the page."""
    for comment in top:
        if comment.is_approved:
            comment.reply_form = CommentForm(
                auto_id=f"reply-{comment.pk}-%s",
                initial={"display_name": name, "parent": comment.pk},
            )


def attach_replies(comments_page, comments):
    top = list(comments_page.object_list)
    by_parent = {comment.pk: comment for comment in top}
    for comment in top:
        comment.thread_replies = []
    if by_parent:
        for reply in comments.filter(parent__in=by_parent).order_by("created_at", "pk"):
            by_parent[reply.parent_id].thread_replies.append(reply)
    comments_page.object_list = top

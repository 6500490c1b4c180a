"""A page's discussion as one visitor sees it: a page of top comments with their replies, the
number of published comments, and the form or the reason there is none.

One query whatever the size of the thread: the page of top comments, their replies and both
counts (as subqueries the database runs once) come in the same rows; a page number beyond the
end costs one more. A signed-in resident adds one or two (may they post, their last display
name). What an anonymous visitor sees is the same for everyone, so the page cache keeps it; any
write to the comments' table out-dates it (docs/page-cache.md).
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Subquery
from django.db.models.functions import Coalesce

from discussion.forms import CommentForm, last_display_name
from discussion.models import Comment
from discussion.posting import posting_refusal
from portal.pagination import CountedPaginator, requested_page

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
    visible = Comment.objects.filter(page=page).visible_to(user)
    number = requested_page(request)
    rows = read_page(page, visible, number)
    if not rows and number > 1:  # a page link that outlived its thread: the last page
        number = CountedPaginator([], TOP_COMMENTS_PER_PAGE, count=top_count(visible)).num_pages
        rows = read_page(page, visible, number)
    comments_page = as_page(rows, number)
    refusal = posting_refusal(page, user)
    if refusal is None:
        name = last_display_name(user)
        form = form or CommentForm(initial={"display_name": name})
        attach_reply_forms(comments_page.object_list, name)
    published = rows[0].published_total if rows else 0
    return Thread(page, published, comments_page, form, refusal)


def top_comments(visible):
    return visible.filter(parent=None).order_by("created_at", "pk")


def top_count(visible):
    return top_comments(visible).count()


def read_page(page, visible, number):
    """Page `number` of top comments and their replies, each row with both counts."""
    start = (number - 1) * TOP_COMMENTS_PER_PAGE
    shown = top_comments(visible).values("pk")[start : start + TOP_COMMENTS_PER_PAGE]
    return list(
        visible.filter(Q(pk__in=shown) | Q(parent__in=shown))
        .annotate(
            published_total=_count(Comment.objects.shown().filter(page=page)),
            top_total=_count(top_comments(visible)),
        )
        .order_by("created_at", "pk")
    )


def _count(comments):
    counted = comments.order_by().values("page").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted), 0)


def as_page(rows, number):
    """The page of top comments (for the pagination links), replies attached to each."""
    top = [row for row in rows if row.parent_id is None]
    by_pk = {comment.pk: comment for comment in top}
    for comment in top:
        comment.thread_replies = []
    for row in rows:
        if row.parent_id is not None:
            by_pk[row.parent_id].thread_replies.append(row)
    count = rows[0].top_total if rows else 0
    comments_page = CountedPaginator([], TOP_COMMENTS_PER_PAGE, count=count).page(number)
    comments_page.object_list = top
    return comments_page


def attach_reply_forms(top, name):
    """A reply form under each published top comment, with ids of its own on the page."""
    for comment in top:
        if comment.is_approved:
            comment.reply_form = CommentForm(
                auto_id=f"reply-{comment.pk}-%s",
                initial={"display_name": name, "parent": comment.pk},
            )

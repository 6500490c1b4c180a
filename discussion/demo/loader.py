"""A few approved comments, an official answer and a pending comment under the seed news item.
Idempotent: nothing is added when the item already has comments."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Page

from discussion.demo.content import COMMENTS, NEWS_SLUG, RESIDENTS
from discussion.models import Comment, CommentState
from discussion.posting import OFFICIAL_NAME

STARTED = datetime.datetime(2026, 11, 20, 14, 0, tzinfo=datetime.UTC)
STEP = datetime.timedelta(hours=3)


def load_demo(home, note):
    # By slug: the news app sits above this one (its loader runs first, INSTALLED_APPS order).
    page = Page.objects.filter(slug=NEWS_SLUG).first()
    if page is None or Comment.objects.filter(page=page).exists():
        return
    users = residents(note)
    moments = (STARTED + STEP * number for number in range(100))
    for item in COMMENTS:
        comment = add(page, item, users, next(moments), parent=None)
        if comment is None:
            continue
        for reply in item["replies"]:
            add(page, reply, users, next(moments), parent=comment)
    note(f"discussion under «{page.title}»")


def residents(note):
    """The demo residents (no password: they cannot sign in), and the contest's demo citizen."""
    user_model = get_user_model()
    users = {"citizen": user_model.objects.filter(username="citizen").first()}
    for username, (email, _name) in RESIDENTS.items():
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(username=username, email=email)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            note(f"demo resident {email}")
        users[username] = user
    return users


def add(page, item, users, moment, *, parent):
    official = item.get("official", False)
    author = None if official else users.get(item["author"])
    if author is None and not official:
        return None
    published = not item.get("pending")
    return Comment.objects.create(
        page=page,
        parent=parent,
        author=author,
        display_name=OFFICIAL_NAME if official else display_name(item),
        text=item["text"],
        official=official,
        state=CommentState.APPROVED if published else CommentState.PENDING,
        created_at=moment,
        published_at=moment + STEP / 3 if published else None,
        moderated_at=moment + STEP / 3 if published else None,
    )


def display_name(item):
    return item.get("display_name") or RESIDENTS[item["author"]][1]

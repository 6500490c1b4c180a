"""Comments, residents and moderators for the discussion's tests."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from discussion.models import Comment, CommentState
from portal import roles
from tests.accounts.factories import make_user


class CommentFactory(factory.django.DjangoModelFactory):
    display_name = factory.Sequence(lambda n: f"Житель {n}")
    text = factory.Sequence(lambda n: f"Комментарий номер {n}.")

    class Meta:
        model = Comment


def approved(page, **fields):
    return CommentFactory(page=page, state=CommentState.APPROVED, **fields)


def resident(username="resident"):
    """Signed up with a confirmed e-mail address, no phone: enough to comment."""
    return make_user(username, email_verified=True)


def staff_in(group, username):
    user = get_user_model().objects.create_user(username=username, email=f"{username}@sochi.ru")
    user.groups.add(Group.objects.get(name=group))
    return user


def moderator(username="moderator"):
    return staff_in(roles.MODERATORS, username)

"""Deletion of a resident's account (152-ФЗ: withdrawal of consent): every holding erases or
anonymises what it keeps (portal.personal_data), then the user goes, in one transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.staff import requires_second_factor
from portal import personal_data


class DeletionError(Exception):
    """The account was not deleted; `message` is the Russian reason, `status` the HTTP answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def deletion_refusal(user):
    """Why `user` may not delete the account here, or None. Staff accounts sign decisions that
    must keep their author: the portal's administrator closes them."""
    if requires_second_factor(user):
        return DeletionError(
            _("Staff accounts are closed by the portal's administrator, not here."), status=403
        )
    return None


def delete_account(user):
    refusal = deletion_refusal(user)
    if refusal is not None:
        raise refusal
    person = personal_data.Person.of(user)
    with transaction.atomic():
        personal_data.erase(person)
        user.delete()

"""Favourite pets: on the account when signed in (FavouritePet), in the session for a visitor.

At sign-in the session's list joins the account's (`merge_session_into_account`, on Django's
`user_logged_in`), so what a visitor marked before signing in is not lost.
"""

from django.db import IntegrityError, transaction

from shelter.models import FavouritePet, Pet

SESSION_KEY = "shelter_favourites"
MAX_FAVOURITES = 100


def favourite_ids(request):
    """The pet ids, newest first."""
    if request.user.is_authenticated:
        return list(
            FavouritePet.objects.filter(user=request.user).values_list("pet_id", flat=True)[
                :MAX_FAVOURITES
            ]
        )
    return _session_ids(request)


def _session_ids(request):
    return [pk for pk in request.session.get(SESSION_KEY, []) if isinstance(pk, int)]


def add(request, pet_id):
    if request.user.is_authenticated:
        _add_to_account(request.user, [pet_id])
        return
    ids = _session_ids(request)
    if pet_id not in ids:
        ids = [pet_id, *ids][:MAX_FAVOURITES]
    request.session[SESSION_KEY] = ids


def remove(request, pet_id):
    if request.user.is_authenticated:
        FavouritePet.objects.filter(user=request.user, pet_id=pet_id).delete()
        return
    request.session[SESSION_KEY] = [pk for pk in _session_ids(request) if pk != pet_id]


def _add_to_account(user, pet_ids):
    """Add the pets the account does not have yet; a pet removed meanwhile is skipped."""
    have = set(FavouritePet.objects.filter(user=user).values_list("pet_id", flat=True))
    existing = set(Pet.objects.filter(pk__in=pet_ids).values_list("pk", flat=True))
    for pet_id in reversed(pet_ids):  # the session's newest first: add it last
        if pet_id in existing and pet_id not in have:
            try:
                with transaction.atomic():
                    FavouritePet.objects.create(user=user, pet_id=pet_id)
            except IntegrityError:  # a second tab added it at the same moment
                pass


def merge_session_into_account(sender, request, user, **kwargs):
    """`user_logged_in` receiver: the visitor's favourites join the account's."""
    if request is None or not hasattr(request, "session"):
        return
    ids = _session_ids(request)
    if ids:
        _add_to_account(user, ids)
        request.session.pop(SESSION_KEY, None)

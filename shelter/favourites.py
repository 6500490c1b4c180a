"""Favourites without an account: a list of pet ids kept in the visitor's session."""

SESSION_KEY = "shelter_favourites"
MAX_FAVOURITES = 100


def favourite_ids(request):
    return [pk for pk in request.session.get(SESSION_KEY, []) if isinstance(pk, int)]


def add(request, pet_id):
    ids = favourite_ids(request)
    if pet_id not in ids:
        ids = [pet_id, *ids][:MAX_FAVOURITES]
    request.session[SESSION_KEY] = ids


def remove(request, pet_id):
    request.session[SESSION_KEY] = [pk for pk in favourite_ids(request) if pk != pet_id]

"""The random keys in the private addresses sent to applicants and subscribers."""

import secrets


def new_token():
    """32 URL-safe characters: too many to guess, short enough for a link in an e-mail."""
    return secrets.token_urlsafe(24)

"""The shelter's private keys are the portal's (portal.tokens); its migrations name this module."""

from portal.tokens import new_token

__all__ = ["new_token"]

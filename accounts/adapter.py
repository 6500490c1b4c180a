"""django-allauth sends its e-mails (address confirmation, password reset) the portal's way."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site

from portal.mail import queue_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context_data):
        """Saved in the outbox and sent after commit, retried if the mail server fails."""
        request = context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context_data,
        }
        queue_message(self.render_mail(template_prefix, email, full_context), template_prefix)

"""django-allauth sends its e-mails (address confirmation, password reset) the portal's way."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from portal import public_url
from portal.mail import queue_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context_data):
        """Saved in the outbox and sent after commit, retried if the mail server fails.

        allauth builds the links it puts in the context (`activate_url`, `password_reset_url`,
        `signup_url`) from the request's host; they are moved to the public address here, the one
        place every account e-mail passes. `current_site` is the portal by name and address.
        """
        full_context = {
            "request": context.request,
            "email": email,
            "current_site": public_url.site(),
            **{
                name: public_url.rebase(value) if name.endswith("_url") and value else value
                for name, value in context_data.items()
            },
        }
        queue_message(self.render_mail(template_prefix, email, full_context), template_prefix)

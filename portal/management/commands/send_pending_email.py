"""Send e-mails still pending after a while (for cron, in case the task worker was down)."""

import datetime

from django.core.management.base import BaseCommand

from portal.mail import deliver_pending


class Command(BaseCommand):
    help = "Send e-mails that are still pending (saved but not sent) after --minutes."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=5)

    def handle(self, *args, minutes, **options):
        sent = deliver_pending(datetime.timedelta(minutes=minutes))
        self.stdout.write(f"Sent {sent} pending e-mail(s).")

"""The e-mail safety net, for cron: send what the worker missed, flag what was interrupted."""

import datetime

from django.core.management.base import BaseCommand

from portal.mail import deliver_pending


class Command(BaseCommand):
    help = (
        "Send e-mails pending for more than --minutes (the worker was down) and mark those stuck "
        "in 'sending' that long as unconfirmed (never re-sent: they may have been delivered)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=5)

    def handle(self, *args, minutes, **options):
        sent = deliver_pending(datetime.timedelta(minutes=minutes))
        self.stdout.write(f"Sent {sent} pending e-mail(s).")

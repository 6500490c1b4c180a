"""Daily (cron): remind everyone with a confirmed place at a shelter event that starts tomorrow.
Each sign-up is reminded once: a second run, or two at the same time, queue nothing more."""

from django.core.management.base import BaseCommand

from shelter.event_signups import send_reminders


class Command(BaseCommand):
    help = "Queue the reminders for shelter events starting tomorrow (run daily; sends each once)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} reminder(s) queued")

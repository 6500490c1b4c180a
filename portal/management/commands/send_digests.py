"""Daily (cron, early morning): have the worker build the subscription digests of the last day
and week (portal.digests); running it twice sends nothing twice."""

from django.core.management.base import BaseCommand

from portal.digests import send_digests_task


class Command(BaseCommand):
    help = "Enqueue the building of subscription digests for the task worker (run daily)."

    def handle(self, *args, **options):
        result = send_digests_task.enqueue()
        self.stdout.write(f"Digests enqueued for the worker: task {result.id}")

"""Build the demo site: the home page, each section's content, news with illustrations.

Each app's demo/ package builds its part (see portal.demo). Idempotent: what exists (matched by
slug or title) is left as it is, so it is safe to run on every `make run`. Prints what it created.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo.loading import load_site


class Command(BaseCommand):
    help = "Create the demo site tree and news (safe to run repeatedly)."

    def handle(self, *args, **options):
        created = []
        with transaction.atomic():
            load_site(created.append)
        if created:
            for line in created:
                self.stdout.write(f"  + {line}")
            self.stdout.write(self.style.SUCCESS(f"Demo content: {len(created)} objects created."))
        else:
            self.stdout.write("Demo content already present; nothing created.")

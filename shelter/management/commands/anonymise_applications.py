from django.core.management.base import BaseCommand

from shelter.retention import anonymise_old_applications


class Command(BaseCommand):
    help = "Anonymise adoption applications finished longer ago than the retention period."

    def handle(self, *args, **options):
        count = anonymise_old_applications()
        self.stdout.write(f"{count} application(s) anonymised")

from django.conf import settings
from django.core.management.base import BaseCommand

from contest.retention import anonymise_votes


class Command(BaseCommand):
    help = "Anonymise votes of contests whose results are older than the retention period."

    def handle(self, *args, **options):
        count = anonymise_votes()
        self.stdout.write(
            f"{count} votes anonymised (retention {settings.CONTEST_VOTER_RETENTION_DAYS} days)."
        )

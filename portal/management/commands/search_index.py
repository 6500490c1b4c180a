"""`manage.py search_index rebuild [--models app.Model ...]` and `manage.py search_index status`."""

from django.core.management.base import BaseCommand, CommandError

from portal.search.es import indexes
from portal.search.es.connection import CLUSTER_ERRORS, NOT_CONFIGURED, get_client, is_enabled
from portal.search.es.documents import registered_documents
from portal.search.es.health import cluster_health


class Command(BaseCommand):
    help = "Rebuild the catalogs' Elasticsearch indexes without downtime, or compare their counts."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        rebuild = commands.add_parser("rebuild", help="Build new index versions, switch aliases.")
        rebuild.add_argument(
            "--models", nargs="+", metavar="app.Model", help="Only these models' documents."
        )
        commands.add_parser("status", help="Documents per index against the database.")

    def handle(self, *args, action, **options):
        if not is_enabled():
            raise CommandError(NOT_CONFIGURED)
        documents = self.chosen_documents(options.get("models"))
        try:
            if action == "rebuild":
                self.rebuild(documents)
            else:
                self.status(documents)
        except CLUSTER_ERRORS as error:
            raise CommandError(f"Elasticsearch did not answer: {error}") from error

    def chosen_documents(self, labels):
        documents = registered_documents()
        if not labels:
            return documents
        known = {document.label().lower(): document for document in documents}
        unknown = [label for label in labels if label.lower() not in known]
        if unknown:
            raise CommandError(
                f"No search document for {', '.join(unknown)}; known: {', '.join(sorted(known))}."
            )
        return [known[label.lower()] for label in labels]

    def rebuild(self, documents):
        client = get_client()
        for document in documents:
            total = document.public_queryset().count()
            bar = ProgressBar(self.stdout, document.label(), total)
            try:
                summary = indexes.rebuild(document, client, progress=bar.update)
            except indexes.RebuildError as error:
                raise CommandError(str(error)) from error
            old = ", ".join(summary.deleted_versions) or "none"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{document.label()}: {summary.indexed} documents in {summary.index}, "
                    f"alias {summary.alias} switched in {summary.seconds:.1f} s; "
                    f"old versions deleted: {old}"
                )
            )

    def status(self, documents):
        client = get_client()
        self.stdout.write(f"Cluster: {cluster_health()}")
        behind = 0
        for document in documents:
            row = indexes.status(document, client)
            indexed = "no index" if row.indexed is None else row.indexed
            where = ", ".join(row.indexes) or "-"
            line = f"{row.label}: {indexed} indexed / {row.in_database} in the database ({where})"
            if row.in_step:
                self.stdout.write(self.style.SUCCESS(line))
            else:
                behind += 1
                self.stdout.write(self.style.WARNING(f"{line}: run `search_index rebuild`"))
        if behind:
            raise CommandError(f"{behind} index(es) out of step with the database.")


class ProgressBar:
    """A text bar redrawn at each whole 5 %: [#####.....] 250/500 (50 %)."""

    WIDTH, STEP = 20, 5

    def __init__(self, out, label, total):
        self.out, self.label, self.total, self.shown = out, label, total, -1
        self.update(0)

    def update(self, done):
        percent = 100 if not self.total else min(100, done * 100 // self.total)
        if percent // self.STEP == self.shown // self.STEP and done != self.total:
            return
        self.shown = percent
        filled = percent * self.WIDTH // 100
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.out.write(f"{self.label} [{bar}] {done}/{self.total} ({percent} %)")

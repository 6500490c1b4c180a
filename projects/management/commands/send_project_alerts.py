"""Daily (cron, morning): have the worker alert project teams of control points due soon or
overdue and, on the first run of a week, send the project office its digest (projects.alerts);
running it twice sends nothing twice."""

from django.core.management.base import BaseCommand

from projects.alerts import send_project_alerts_task


class Command(BaseCommand):
    help = "Enqueue the control point alerts and the project office digest (run daily)."

    def handle(self, *args, **options):
        result = send_project_alerts_task.enqueue()
        self.stdout.write(f"Project alerts enqueued for the worker: task {result.id}")

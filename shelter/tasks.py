"""Background work of the shelter (django-tasks on the "scheduled" database backend, run by
`manage.py db_worker --backend scheduled`): follow-up reminders after a handover."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

# How long after the handover each reminder goes out, and what it is called in the mail.
FOLLOW_UPS = {
    "3d": (datetime.timedelta(days=3), _("three days")),
    "3w": (datetime.timedelta(weeks=3), _("three weeks")),
    "3m": (datetime.timedelta(days=91), _("three months")),
}


def schedule_follow_ups(application):
    """Plan the three reminders from the handover time; each is a row for the db_worker."""
    handed_over_at = application.handed_over_at or timezone.now()
    return [
        send_follow_up_reminder.using(run_after=handed_over_at + delay).enqueue(
            application.pk, stage
        )
        for stage, (delay, _label) in FOLLOW_UPS.items()
    ]


@task(backend="scheduled")
def send_follow_up_reminder(application_id, stage):
    """Ask the adopter how the pet is doing; nothing for closed-off or anonymised applications."""
    from shelter.models import AdoptionApplication, Step
    from shelter.notifications import notify_follow_up

    application = (
        AdoptionApplication.objects.select_related("pet")
        .filter(pk=application_id, anonymised_at__isnull=True)
        .first()
    )
    if application is None or application.step not in (Step.HANDOVER, Step.FOLLOW_UP):
        return False
    notify_follow_up(application, str(FOLLOW_UPS[stage][1]))
    return True

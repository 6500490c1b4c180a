"""Who may apply to volunteer, who may sign up for a shift, and the sign-up and its cancellation.

One rule in one place, as contest.voting: the views, the admin and the tests call these
functions. A sign-up runs in one transaction that locks the volunteer's application row, then the
shift's row (always in that order, so two sign-ups cannot deadlock): places left, overlapping
shifts and the cap on upcoming shifts are counted under those locks with the clock read inside
the transaction, so simultaneous sign-ups cannot overbook a shift or a volunteer; one active
sign-up per shift and person is also the database's unique constraint.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.verification import has_confirmed_email
from portal.consent import current as current_consent
from shelter.models.volunteers import (
    ACTIVE_STATES,
    ShiftSignup,
    VolunteerApplication,
    VolunteerShift,
    VolunteerState,
)

# Cancelling online closes this long before the shift starts; after that the volunteer calls.
CANCEL_CUTOFF = datetime.timedelta(hours=12)


def max_upcoming_shifts():
    return settings.SHELTER_VOLUNTEER_MAX_UPCOMING_SHIFTS


class VolunteeringError(Exception):
    """Nothing was changed; `message` is the Russian reason, `status` the HTTP answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


class AlreadySignedUpError(VolunteeringError):
    def __init__(self):
        super().__init__(_("You are already signed up for this shift."), status=409)


def active_application(user):
    """The person's submitted or accepted application, or None."""
    if not user.is_authenticated:
        return None
    return VolunteerApplication.objects.filter(user=user, state__in=ACTIVE_STATES).first()


def latest_application(user):
    if not user.is_authenticated:
        return None
    return VolunteerApplication.objects.filter(user=user).first()


def application_refusal(user):
    """Why `user` may not apply now, or None."""
    if not user.is_authenticated:
        return VolunteeringError(_("Sign in to apply as a volunteer."), status=403)
    if not user.is_active or not has_confirmed_email(user):
        return VolunteeringError(
            _("Confirm your e-mail address first: we write to volunteers there."), status=403
        )
    if active_application(user) is not None:
        return VolunteeringError(_("You already have a volunteer application."), status=409)
    return None


def submit_volunteer_application(user, **fields):
    """Save the application with the consent in force and queue the "received" e-mail."""
    refusal = application_refusal(user)
    if refusal is not None:
        raise refusal
    from shelter.volunteer_mail import notify_received

    try:
        with transaction.atomic():
            application = VolunteerApplication.objects.create(
                user=user,
                consent_version=current_consent("volunteer").version,
                consented_at=timezone.now(),
                **fields,
            )
            notify_received(application)
    except IntegrityError:  # the same form sent twice at the same moment
        raise VolunteeringError(
            _("You already have a volunteer application."), status=409
        ) from None
    return application


def sign_up(user, shift_id):
    """Sign `user` up for the shift and return the sign-up, or raise VolunteeringError."""
    try:
        with transaction.atomic():
            return _sign_up(user, shift_id)
    except IntegrityError:  # a second sign-up for the same shift at the same moment
        raise AlreadySignedUpError() from None


def _sign_up(user, shift_id):
    application = (
        VolunteerApplication.objects.select_for_update()
        .filter(user=user, state=VolunteerState.ACCEPTED)
        .first()
        if user.is_authenticated
        else None
    )
    if application is None:
        raise VolunteeringError(_("Only accepted volunteers sign up for shifts."), status=403)
    shift = VolunteerShift.objects.select_for_update().filter(pk=shift_id).first()
    if shift is None:
        raise VolunteeringError(_("There is no such shift."), status=404)
    now = timezone.now()  # read inside the transaction, under the locks
    if shift.starts_at <= now:
        raise VolunteeringError(_("This shift has already started."), status=409)
    mine = ShiftSignup.objects.active().filter(user=user)
    if mine.filter(shift=shift).exists():
        raise AlreadySignedUpError()
    if shift.signups.active().count() >= shift.places:
        raise VolunteeringError(_("Sorry, all places on this shift are taken."), status=409)
    clash = (
        mine.filter(shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at)
        .select_related("shift")
        .first()
    )
    if clash is not None:
        raise VolunteeringError(
            _("You are signed up for «%(shift)s» at the same time.") % {"shift": clash.shift},
            status=409,
        )
    limit = max_upcoming_shifts()
    if mine.filter(shift__starts_at__gt=now).count() >= limit:
        raise VolunteeringError(
            ngettext(
                "You may sign up for at most %(count)d upcoming shift.",
                "You may sign up for at most %(count)d upcoming shifts.",
                limit,
            )
            % {"count": limit},
            status=409,
        )
    signup = ShiftSignup.objects.create(shift=shift, user=user, created_at=now)
    from shelter.volunteer_mail import notify_signed_up

    notify_signed_up(signup)
    return signup


def cancel_refusal(signup, now):
    """Why the sign-up cannot be cancelled online at `now`, or None."""
    if signup.cancelled_at is not None:
        return VolunteeringError(_("This sign-up is already cancelled."), status=409)
    if now > signup.shift.starts_at - CANCEL_CUTOFF:
        return VolunteeringError(
            _("Less than 12 hours are left before the shift: please call the shelter to cancel."),
            status=409,
        )
    return None


def can_cancel(signup, now=None):
    return cancel_refusal(signup, now or timezone.now()) is None


def cancel(user, shift_id):
    """Cancel `user`'s active sign-up for the shift, or raise VolunteeringError."""
    with transaction.atomic():
        signup = (
            ShiftSignup.objects.select_for_update(of=("self",))
            .active()
            .filter(user=user, shift_id=shift_id)
            .select_related("shift")
            .first()
            if user.is_authenticated
            else None
        )
        if signup is None:
            raise VolunteeringError(_("You are not signed up for this shift."), status=404)
        now = timezone.now()
        refusal = cancel_refusal(signup, now)
        if refusal is not None:
            raise refusal
        ShiftSignup.objects.filter(pk=signup.pk).update(cancelled_at=now)
        signup.cancelled_at = now
        from shelter.volunteer_mail import notify_cancelled

        notify_cancelled(signup)
        return signup


def open_shifts(now=None):
    """Upcoming shifts with their counts of taken places (`taken`)."""
    return VolunteerShift.objects.upcoming(now).with_taken().order_by("starts_at", "pk")


def my_signups(user, now=None):
    return (
        ShiftSignup.objects.active()
        .filter(user=user, shift__starts_at__gt=now or timezone.now())
        .select_related("shift")
        .order_by("shift__starts_at")
    )

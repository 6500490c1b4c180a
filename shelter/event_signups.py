"""Who gets a place at a shelter event: sign-up, cancellation with the waiting list moving up,
and the reminders the day before.

Capacity without overbooking: every change that takes or frees a place runs in a transaction
that first locks the event's settings row (select_for_update), so sign-ups and cancellations of
one event queue behind each other and each counts the confirmed places after the previous one
committed. A second active sign-up of one person is the database's partial unique constraint:
two simultaneous requests by the same person give one sign-up and one refusal. The e-mails are
outbox rows in the same transaction (portal.mail): a sign-up and its letter are kept together.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.verification import has_confirmed_email
from portal import ratelimit
from shelter import event_mail
from shelter.models import (
    SHELTER_EVENT_CATEGORIES,
    EventSignup,
    EventSignupSettings,
    SignupKind,
    SignupState,
)
from shelter.models.events import ACTIVE_STATES


class SignupError(Exception):
    """The sign-up or cancellation did not happen; `message` is the Russian reason, `status` the
    HTTP answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


class AlreadySignedUpError(SignupError):
    def __init__(self):
        super().__init__(_("You have already signed up for this event."), status=409)


def signup_settings_for(event_id):
    """The sign-up settings of an upcoming-or-past shelter event by its id, with the event; None
    for any other id."""
    return (
        EventSignupSettings.objects.select_related("event")
        .filter(event_id=event_id, event__category__in=SHELTER_EVENT_CATEGORIES)
        .first()
    )


def taken_places(event):
    """{kind: confirmed sign-ups} of an event."""
    counts = (
        EventSignup.objects.filter(event=event, state=SignupState.CONFIRMED)
        .values("role")
        .annotate(taken=Count("pk"))
    )
    taken = {kind: 0 for kind in SignupKind.values}
    taken.update({row["role"]: row["taken"] for row in counts})
    return taken


def places_left(signup_settings, taken=None):
    """{kind: free places} for the kinds the event takes (no volunteers when it has 0 places)."""
    taken = taken if taken is not None else taken_places(signup_settings.event)
    return {
        kind: max(signup_settings.places(kind) - taken[kind], 0)
        for kind in SignupKind.values
        if signup_settings.places(kind) > 0
    }


def signup_refusal(signup_settings, user, kind, *, now=None):
    """Why `user` may not sign up as `kind` now, or None. Asks only about the account."""
    if not user.is_authenticated:
        return SignupError(_("Sign in to sign up for the event."), status=403)
    if not user.is_active or not has_confirmed_email(user):
        return SignupError(
            _("Confirm your e-mail address first: we send the sign-up and reminders there."),
            status=403,
        )
    if kind not in SignupKind.values or signup_settings.places(kind) == 0:
        return SignupError(_("This event takes no sign-ups of this kind."), status=400)
    if not signup_settings.is_open(now):
        return SignupError(_("Sign-ups for this event are closed."), status=403)
    return None


def sign_up(signup_settings, user, *, kind, name, consent, phone="", now=None):
    """Sign `user` up as `kind`: a confirmed place if one is free, else the waiting list. Returns
    the sign-up or raises SignupError."""
    refusal = signup_refusal(signup_settings, user, kind, now=now)
    if refusal is not None:
        raise refusal
    if not ratelimit.allow("event_signup", user.pk):
        raise SignupError(_("Too many attempts. Please try again later."), status=429)
    try:
        with transaction.atomic():
            return _record_signup(signup_settings, user, kind, name, phone, consent, now)
    except IntegrityError:
        raise AlreadySignedUpError() from None


def _record_signup(signup_settings, user, kind, name, phone, consent, now):
    locked = _lock(signup_settings)
    moment = now or timezone.now()  # read under the lock
    if not locked.is_open(moment):
        raise SignupError(_("Sign-ups for this event are closed."), status=403)
    if EventSignup.objects.filter(
        event_id=locked.event_id, user=user, state__in=ACTIVE_STATES
    ).exists():
        raise AlreadySignedUpError()
    confirmed = EventSignup.objects.filter(
        event_id=locked.event_id, role=kind, state=SignupState.CONFIRMED
    ).count()
    free = confirmed < locked.places(kind)
    signup = EventSignup.objects.create(
        event=locked.event,
        role=kind,
        user=user,
        name=name,
        phone=phone,
        email=user.email,
        consent_version=consent.version,
        consented_at=moment,
        state=SignupState.CONFIRMED if free else SignupState.WAITING,
        created_at=moment,
    )
    event_mail.notify_signed_up(signup, waiting_position(signup))
    return signup


def _lock(signup_settings):
    """The settings row, locked until the transaction ends (a no-op on SQLite, which
    serialises writers anyway)."""
    return (
        EventSignupSettings.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=signup_settings.pk)
    )


def waiting_position(signup):
    """1 for the first on the waiting list; None when the sign-up is not waiting."""
    if signup.state != SignupState.WAITING:
        return None
    ahead = EventSignup.objects.filter(
        event_id=signup.event_id, role=signup.role, state=SignupState.WAITING
    ).filter(
        Q(created_at__lt=signup.created_at) | Q(created_at=signup.created_at, pk__lt=signup.pk)
    )
    return ahead.count() + 1


def cancel(signup, *, now=None, notify=True):
    """Cancel an active sign-up; a freed place goes to the first waiting of that kind, who is
    told by e-mail. Returns the promoted sign-ups."""
    with transaction.atomic():
        signup_settings = EventSignupSettings.objects.filter(event_id=signup.event_id).first()
        if signup_settings is not None:
            _lock(signup_settings)
        current = EventSignup.objects.select_related("event").get(pk=signup.pk)
        if not current.is_active:
            raise SignupError(_("This sign-up is already cancelled."), status=409)
        moment = now or timezone.now()
        current.state, current.cancelled_at = SignupState.CANCELLED, moment
        current.save(update_fields=["state", "cancelled_at"])
        signup.state, signup.cancelled_at = current.state, current.cancelled_at
        if notify:
            event_mail.notify_cancelled(current)
        if signup_settings is None or current.event.starts_at <= moment:
            return []
        return fill_free_places(signup_settings, now=moment)


def fill_free_places(signup_settings, *, now=None):
    """Move the first waiting up into every free place (after a cancellation, or when staff add
    places); each promoted person gets an e-mail. Call inside a transaction holding the lock."""
    moment = now or timezone.now()
    taken = taken_places(signup_settings.event)
    promoted = []
    for kind in SignupKind.values:
        free = signup_settings.places(kind) - taken[kind]
        if free <= 0:
            continue
        waiting = EventSignup.objects.filter(
            event_id=signup_settings.event_id, role=kind, state=SignupState.WAITING
        ).order_by("created_at", "pk")[:free]
        for signup in waiting.select_related("event"):
            signup.state, signup.promoted_at = SignupState.CONFIRMED, moment
            signup.save(update_fields=["state", "promoted_at"])
            event_mail.notify_promoted(signup)
            promoted.append(signup)
    return promoted


def places_changed(signup_settings):
    """Staff saved the settings: more places may let the waiting list move up."""
    with transaction.atomic():
        return fill_free_places(_lock(signup_settings))


def tomorrow_bounds(now=None):
    """The start and end of tomorrow, local time."""
    today = timezone.localdate(now or timezone.now())
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min, tz)
    return start, start + datetime.timedelta(days=1)


def send_reminders(now=None):
    """Queue a reminder for every confirmed sign-up of an event starting tomorrow that has none
    yet; returns how many. Each is marked in the transaction that queues its letter, by an update
    that only one of two concurrent runs can win, so a second run sends nothing."""
    moment = now or timezone.now()
    start, end = tomorrow_bounds(moment)
    due = EventSignup.objects.filter(
        state=SignupState.CONFIRMED,
        reminded_at__isnull=True,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
    ).select_related("event")
    sent = 0
    for signup in due:
        with transaction.atomic():
            claimed = EventSignup.objects.filter(
                pk=signup.pk, state=SignupState.CONFIRMED, reminded_at__isnull=True
            ).update(reminded_at=moment)
            if claimed:
                event_mail.notify_reminder(signup)
                sent += 1
    return sent


def signup_of(event, user):
    """The user's active sign-up for the event, or None."""
    if not user.is_authenticated:
        return None
    return EventSignup.objects.filter(event=event, user=user, state__in=ACTIVE_STATES).first()

"""Phone verification of citizens: the phone half of "verified citizen" (accounts.verification).

A phone number can verify one account only: the database refuses a second verified row with the
same number, so two accounts racing to verify one phone cannot both win.

Wrong codes are counted per account and per phone number, across codes: a new code does not
reset the count (it once did, which gave ~1,700 guesses a day). The counters live in the database,
not the cache, so that a cache flush or a Redis restart does not hand out fresh guesses.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class Lockout(models.Model):
    """Wrong guesses counted across codes, and lockouts that double each time.

    `max_failures` wrong guesses lock for `base_minutes`, the next time for twice as long, and so
    on; only a successful verification (`clear()`) starts again from the shortest lockout.
    """

    failed_attempts = models.PositiveSmallIntegerField(
        _("wrong codes since last lockout"), default=0
    )
    # Growing lockouts: every lockout doubles the next one.
    lockouts = models.PositiveSmallIntegerField(_("lockouts so far"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_locked(self, now=None):
        return self.locked_until is not None and self.locked_until > (now or timezone.now())

    def record_failure(self, now, *, max_failures, base_minutes):
        """Count one wrong code and save; True when it locked the holder out."""
        self.failed_attempts += 1
        locked = self.failed_attempts >= max_failures
        if locked:
            self.failed_attempts = 0
            self.lockouts += 1
            minutes = base_minutes * 2 ** (self.lockouts - 1)
            self.locked_until = now + datetime.timedelta(minutes=minutes)
        self.save(update_fields=["failed_attempts", "lockouts", "locked_until"])
        return locked

    def clear(self):
        self.failed_attempts = 0
        self.lockouts = 0
        self.locked_until = None


class PhoneVerification(Lockout):
    """The phone an account has claimed, whether it is verified, and its lockout state."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="phone_verification",
        verbose_name=_("user"),
    )
    phone = PhoneNumberField(_("phone"), region="RU")
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # 152-ФЗ: the "voter" consent the phone was given under (portal.consent).
    consent_version = models.CharField(_("consent version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)

    class Meta:
        verbose_name = _("phone verification")
        verbose_name_plural = _("phone verifications")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=Q(verified_at__isnull=False),
                name="accounts_one_account_per_verified_phone",
            )
        ]

    def __str__(self):
        return f"{self.user} {self.phone}"

    @property
    def is_verified(self):
        return self.verified_at is not None


class PhoneNumberThrottle(Lockout):
    """Wrong codes for one phone number, whichever accounts asked for them.

    Locked together with the account; also the row `request_code` locks so that concurrent
    requests for one number are counted one after another.
    """

    phone = PhoneNumberField(_("phone"), region="RU", unique=True)

    class Meta:
        verbose_name = _("phone number lockout")
        verbose_name_plural = _("phone number lockouts")

    def __str__(self):
        return str(self.phone)


def new_salt():
    return secrets.token_hex(16)


def hash_code(challenge_salt, code):
    """A one-time code is kept only as a keyed hash (HMAC with the secret key and a salt)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{challenge_salt}:{code}".encode(), hashlib.sha256).hexdigest()


class OtpChallenge(models.Model):
    """One SMS code sent to a phone: hashed, expiring, with a limited number of attempts."""

    verification = models.ForeignKey(
        PhoneVerification,
        on_delete=models.CASCADE,
        related_name="challenges",
        verbose_name=_("phone verification"),
    )
    phone = PhoneNumberField(_("phone"), region="RU")
    salt = models.CharField(max_length=32, default=new_salt)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        ordering = ["-created_at"]
        # The per-number send limits count a number's recent codes.
        indexes = [models.Index(fields=["phone", "created_at"], name="accounts_otp_phone_created")]

    def __str__(self):
        return f"{self.phone} {self.created_at:%Y-%m-%d %H:%M}"

    def matches(self, code):
        return hmac.compare_digest(self.code_hash, hash_code(self.salt, code.strip()))

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at


class AccountConsent(models.Model):
    """The consent (152-ФЗ) a person gave when creating the account: its version and when.

    The account itself is Django's user, which has no place for it; a new wording of the
    "account" consent (portal.consent) gets a new version, and old accounts keep theirs.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_consent",
        verbose_name=_("user"),
    )
    consent_version = models.CharField(_("consent version"), max_length=20)
    consented_at = models.DateTimeField(_("consented"), default=timezone.now)

    class Meta:
        verbose_name = _("account consent")
        verbose_name_plural = _("account consents")

    def __str__(self):
        return f"{self.user} {self.consent_version}"

    @classmethod
    def record(cls, user, consent):
        return cls.objects.update_or_create(
            user=user,
            defaults={"consent_version": consent.version, "consented_at": timezone.now()},
        )[0]

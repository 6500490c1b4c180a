"""What the account keeps about its person: the user record, e-mail addresses, the verified phone
and the consents (portal.personal_data). All of it goes with the account: deleting the user
deletes these rows (CASCADE)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountConsent, OtpChallenge, PhoneNumberThrottle, PhoneVerification
from portal.personal_data import Holding, outside, record, register

User = get_user_model()

LOCKOUT = ("failed_attempts", "lockouts", "locked_until")
FIELDS = {
    User: ("username", "email", "first_name", "last_name", "date_joined", "last_login"),
    EmailAddress: ("email", "verified", "primary"),
    PhoneVerification: ("phone", "verified_at", "consent_version", "consented_at", *LOCKOUT),
    OtpChallenge: ("phone", "created_at", "expires_at", "sent_at", "used_at", "attempts"),
    AccountConsent: ("consent_version", "consented_at"),
}
KEPT_OUT = {
    User: {
        "id": "the account's number",
        "password": "a one-way hash of the password: it tells nothing and is kept secret",
        "is_superuser": "the portal's access rights",
        "is_staff": "the portal's access rights",
        "is_active": "the portal's access rights",
    },
    EmailAddress: {"id": "the row's number", "user": "the account itself"},
    PhoneVerification: {"id": "the row's number", "user": "the account itself"},
    OtpChallenge: {
        "id": "the row's number",
        "verification": "the phone verification above",
        "salt": "a random value the code's hash is made with",
        "code_hash": "a keyed hash of a one-time code, which nobody can read back",
    },
    AccountConsent: {"id": "the row's number", "user": "the account itself"},
}


def export(person):
    user = person.user
    if user is None:
        return []
    rows = [record(user, FIELDS[User])]
    rows += [record(row, FIELDS[EmailAddress]) for row in EmailAddress.objects.filter(user=user)]
    for model in (PhoneVerification, AccountConsent):
        rows += [record(row, FIELDS[model]) for row in model.objects.filter(user=user)]
    codes = OtpChallenge.objects.filter(verification__user=user)
    rows += [record(row, FIELDS[OtpChallenge]) for row in codes]
    return rows


register(
    Holding(
        code="accounts.account",
        title=_("Account"),
        on_deletion=_(
            "The account, its e-mail addresses, the confirmed phone, the SMS codes sent to it and "
            "the consent to keep the account are deleted. Withdrawing that consent is the "
            "deletion of the account."
        ),
        fields=FIELDS,
        kept_out=KEPT_OUT,
        export=export,
        order=10,
    )
)
outside(
    PhoneNumberThrottle,
    {
        "phone": "wrong SMS codes counted per number whoever asked, linked to no account; kept "
        "so that deleting an account does not hand out fresh guesses"
    },
)

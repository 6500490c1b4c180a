"""Signing in: citizen and producer accounts (django-allauth), the staff's second factor,
lockouts, SMS codes and passwords. Part of the shared settings: base.py imports it."""

import environ

env = environ.Env()  # base.py has read .env into the environment before importing this

AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in of a locked-out account or address before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Citizen and producer accounts (django-allauth): sign in by e-mail, which must be confirmed.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Портал Сочи] "
# Account e-mails go through the portal's outbox (portal.mail): saved first, retried on failure.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# The portal's versions of allauth's forms: autocomplete and inputmode, 152-ФЗ consent at sign-up.
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "add_email": "accounts.forms.AddEmailForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
}
LOGIN_URL = "account_login"
# django-allauth finds the client's address behind the same proxies as portal.ratelimit.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXIES", default=0)
# allauth's own limits, set explicitly (the defaults of 65.21 allow 5 reset e-mails a minute).
# "login_failed" also counts wrong TOTP codes per account; django-axes locks a password guesser
# out after AXES_FAILURE_LIMIT failures, before allauth's per-account limit is reached.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,10/15m/key",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
}

# Staff sign in to the Wagtail admin at /admin/login/ (accounts.staff) through allauth and confirm
# it with a TOTP code (allauth.mfa); accounts.mfa keeps the admin closed until one is set up.
MFA_ADAPTER = "accounts.mfa.PortalMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Портал Сочи"
# Staff accounts often have no confirmed e-mail address (they are made by a superuser, not by
# sign-up); allauth would otherwise refuse to set up TOTP for them.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# Set-up is forced right after the password: asking for the password a second time only gets in
# the way. A signed-in staff session has either passed the code or has no authenticator yet.
MFA_REAUTHENTICATION_REQUIRED = False

# Sign-in lockout (django-axes, accounts.lockout): per account name and per client address, in the
# database so that every worker sees the same count; the lockout grows with further failures.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = "accounts.lockout.lockout_period"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.lockout.login_name"
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
LOGIN_REDIRECT_URL = "/accounts/profile/"
PHONENUMBER_DEFAULT_REGION = "RU"

# One-time SMS codes (voters verify their phone): console in development, a provider in production.
SMS_BACKEND = env("SMS_BACKEND", default="accounts.sms.ConsoleBackend")
SMS_SENDER = env("SMS_SENDER", default="SochiPortal")
SMS_API_URL = env("SMS_API_URL", default="")
SMS_API_KEY = env("SMS_API_KEY", default="")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

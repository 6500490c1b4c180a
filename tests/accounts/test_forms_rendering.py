"""One set of form templates for the whole site (templates/includes/forms): every field has a
label tied to it, errors are summarised at the top with links to their fields, inputs say what
they are (autocomplete, inputmode); sign-up asks for consent and keeps its version; the sign-in
message names the person; the verified badge is for verified people only; producers find the
«Стать участником» page from the directory."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import AccountConsent, OtpChallenge, PhoneVerification
from portal.consent import current as current_consent
from producers.models import ModerationStatus
from tests.accounts.factories import NOW, citizen, make_user
from tests.producers.factories import ProducerFactory, ProducerIndexPageFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Sochi-sea-2026!"  # noqa: S105
SIGNUP = {"email": "anna@example.org", "password1": PASSWORD, "password2": PASSWORD}


def form_of(response):
    """The page's main form (the one inside <main>, not the site search)."""
    assert response.status_code in (200, 400), response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = soup.select_one("main form[method=post]")
    assert form is not None, "no form in <main>"
    return soup, form


def visible_controls(form):
    return [
        control
        for control in form.select("input, select, textarea")
        if control.get("type") not in ("hidden", "submit")
        and control.get("name") != "csrfmiddlewaretoken"
    ]


@pytest.fixture
def pending_phone():
    user = make_user("pending", email_verified=True)
    verification = PhoneVerification.objects.create(user=user, phone="+79180001122")
    OtpChallenge.objects.create(
        verification=verification, phone=verification.phone, code_hash="x", expires_at=NOW
    )
    return user


@pytest.fixture
def directory(home):
    return ProducerIndexPageFactory(parent=home)


@pytest.fixture
def live_producer(directory):
    return ProducerFactory(status=ModerationStatus.PUBLISHED, is_live=True)


def page_url(name, client, request):
    """Sign the right person in and give the address of the page `name`."""
    if name == "login":
        return reverse("account_login")
    if name == "signup":
        return reverse("account_signup")
    if name == "password_reset":
        return reverse("account_reset_password")
    if name == "password_reset_from_key":
        user = make_user("forgetful", email_verified=True)
        url = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
        return client.get(url).url  # allauth moves the key into the session first
    if name == "verify_phone":
        client.force_login(make_user("resident", email_verified=True))
        return reverse("accounts:verify_phone")
    if name == "confirm_phone":
        client.force_login(request.getfixturevalue("pending_phone"))
        return reverse("accounts:confirm_phone")
    if name == "cabinet_profile":
        request.getfixturevalue("directory")
        client.force_login(UserFactory())
        return reverse("cabinet:profile")
    if name == "cabinet_product":
        client.force_login(request.getfixturevalue("live_producer").owner)
        return reverse("cabinet:product_new")
    raise AssertionError(name)


FORM_PAGES = [
    "login",
    "signup",
    "password_reset",
    "password_reset_from_key",
    "verify_phone",
    "confirm_phone",
    "cabinet_profile",
    "cabinet_product",
]


@pytest.mark.parametrize("name", FORM_PAGES)
def test_every_field_has_a_label_above_it(client, request, name):
    soup, form = form_of(client.get(page_url(name, client, request)))
    controls = visible_controls(form)
    assert controls
    for control in controls:
        label = soup.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True), control
    for field in form.select(".field"):
        # Label (or legend) first, the control after it; a checkbox has its label beside it.
        assert field.select_one(".field__label, .check"), field


@pytest.mark.parametrize("name", FORM_PAGES)
def test_invalid_post_shows_the_error_summary_linking_to_each_field(client, request, name):
    url = page_url(name, client, request)
    soup, form = form_of(client.post(url, {}))
    summary = form.select_one(".error-summary[role=alert]")
    assert summary is not None
    assert summary.select_one(".error-summary__title").get_text(strip=True)
    links = summary.select("a[href^='#']")
    assert links
    for link in links:
        target = soup.find(id=link["href"][1:])
        assert target is not None, link
    invalid = form.select("[aria-invalid=true]")
    assert invalid
    for control in invalid:
        # A group of choices is described as a whole, on its fieldset.
        owner = control.find_parent("fieldset") or control
        errors = [
            ref for ref in owner.get("aria-describedby", "").split() if ref.endswith("_error")
        ]
        assert errors, control
        assert soup.find(id=errors[0]).get_text(strip=True)


def test_non_field_errors_are_summarised_and_shown_by_the_button(client):
    make_user("anna", email_verified=True)
    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": "wrong"}
    )
    soup, form = form_of(response)
    link = form.select_one(".error-summary a")
    target = soup.find(id=link["href"][1:])
    assert "form-errors" in target["class"]
    assert target.get_text(strip=True)


@pytest.mark.parametrize(
    ("name", "field", "autocomplete", "inputmode"),
    [
        ("login", "login", "email", "email"),
        ("login", "password", "current-password", None),
        ("signup", "email", "email", "email"),
        ("signup", "password1", "new-password", None),
        ("signup", "password2", "new-password", None),
        ("password_reset", "email", "email", "email"),
        ("password_reset_from_key", "password1", "new-password", None),
        ("verify_phone", "phone", "tel", "tel"),
        ("confirm_phone", "code", "one-time-code", "numeric"),
        ("cabinet_profile", "name", "organization", None),
        ("cabinet_profile", "inn", "off", "numeric"),
        ("cabinet_profile", "ogrn", "off", "numeric"),
        ("cabinet_profile", "phone", "tel", "tel"),
        ("cabinet_profile", "email", "email", "email"),
        ("cabinet_product", "price", None, "decimal"),
    ],
)
def test_inputs_say_what_they_are(client, request, name, field, autocomplete, inputmode):
    _soup, form = form_of(client.get(page_url(name, client, request)))
    control = form.select_one(f"[name={field}]")
    assert control.get("autocomplete") == autocomplete
    assert control.get("inputmode") == inputmode
    assert control.get("placeholder") is None  # the label above says it already


def test_signup_without_consent_is_refused(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="anna@example.org").exists()
    _soup, form = form_of(response)
    assert form.select_one("#id_consent[aria-invalid=true]")
    assert current_consent("account").text in form.select_one("#id_consent_helptext").text


def test_signup_with_consent_stores_its_version(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "consent": "on"})
    assert response.status_code == 302
    consent = AccountConsent.objects.get(user__email="anna@example.org")
    assert consent.consent_version == current_consent("account").version
    assert consent.consented_at is not None


def sign_in(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "password"}, follow=True
    )
    return [str(message) for message in get_messages(response.wsgi_request)] or [
        node.get_text(" ", strip=True)
        for node in BeautifulSoup(response.content.decode(), "html.parser").select(".messages li")
    ]


def test_sign_in_message_names_the_person_not_the_generated_username(client):
    user = make_user("chainaya.lavka.test", email_verified=True)
    user.first_name, user.last_name = "Анна", "Соколова"
    user.save()
    messages = " ".join(sign_in(client, user))
    assert "Анна Соколова" in messages
    assert "chainaya.lavka.test" not in messages


def test_sign_in_message_without_a_name_gives_the_email(client):
    user = make_user("chainaya.lavka.test", email_verified=True)
    messages = " ".join(sign_in(client, user))
    assert "chainaya.lavka.test@example.org" in messages
    assert not re.search(r"\bchainaya\.lavka\.test\b(?!@)", messages)


def test_verified_badge_is_not_shown_to_an_unverified_person(client):
    client.force_login(make_user("newcomer"))
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Подтверждённый житель" not in page
    assert "verification--done" not in page


def test_verified_badge_is_shown_to_a_verified_citizen(client):
    client.force_login(citizen())
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Подтверждённый житель" in page
    assert "verification--done" in page


def test_confirmed_email_status_agrees_with_its_noun(client):
    user = make_user("anna", email_verified=True)
    assert EmailAddress.objects.filter(user=user, verified=True).exists()
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    assert "Электронная почта: подтверждена" in text


def test_directory_links_to_the_join_page_which_leads_to_sign_up(client, directory):
    page = BeautifulSoup(client.get(directory.url).content.decode(), "html.parser")
    join = f"{directory.url}join/"
    assert len(page.select(f"main a[href='{join}']")) == 1
    response = client.get(join)
    assert response.status_code == 200
    signup = f"{reverse('account_signup')}?next={reverse('cabinet:dashboard')}"
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one(f"main a[href='{signup}']")
    assert len(soup.select("main .join-steps li")) == 5

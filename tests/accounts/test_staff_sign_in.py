"""Staff sign in to the admin with a password and a TOTP code; citizens with their e-mail only."""

import datetime
import io

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.management import CommandError, call_command

from tests.accounts.staff import PASSWORD, staff_member, totp_code, with_totp

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 26, 9, 0, 5, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    """TOTP codes change every 30 s: the clock stands still unless a test moves it."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sign_in(client, username="editor", password=PASSWORD, next_url="/admin/pages/"):
    return client.post(f"/admin/login/?next={next_url}", {"login": username, "password": password})


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_the_admin_sign_in_page_is_in_russian(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Вход в администрирование" in response.content.decode()


def test_password_alone_does_not_open_the_admin(client, clock):
    staff_member()
    with_totp(get_user_model().objects.get(username="editor"))
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert signed_in_user_id(client) is None
    assert client.get("/admin/pages/").status_code == 302
    assert client.get("/admin/pages/")["Location"].startswith("/admin/login/")


def test_password_and_code_open_the_admin_at_the_page_asked_for(client, clock):
    user = staff_member()
    secret, _ = with_totp(user)
    sign_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_counted(client, clock, settings):
    user = staff_member()
    secret, _ = with_totp(user)
    sign_in(client)
    for _ in range(10):
        response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
        assert response.status_code == 200
        assert signed_in_user_id(client) is None
    # Past allauth's per-account limit even the right code is refused for a while.
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert signed_in_user_id(client) is None
    assert "Слишком много" in response.content.decode()


def test_a_recovery_code_works_once(client, clock):
    user = staff_member()
    _, codes = with_totp(user)
    sign_in(client)
    client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get("/admin/").status_code == 200

    client.post("/admin/logout/")
    clock.shift(60)
    sign_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_first_sign_in_forces_totp_setup_before_any_admin_page(client, clock):
    staff_member()
    response = sign_in(client)
    assert response["Location"] == "/admin/pages/"
    for path in ["/admin/", "/admin/pages/", "/admin/images/", "/admin/users/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/totp/activate/", path

    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert client.get("/admin/").status_code == 200


def test_superuser_without_a_group_is_asked_for_totp_too(client, clock):
    staff_member(username="boss", group=None, is_superuser=True)
    sign_in(client, username="boss")
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


def test_staff_cannot_remove_their_own_totp(client):
    user = staff_member()
    client.force_login(user)
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_reset_by_superuser_command_makes_staff_set_up_totp_again(client):
    user = staff_member()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200

    call_command("reset_staff_mfa", "editor", stdout=io.StringIO())

    assert not Authenticator.objects.filter(user=user).exists()
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


def test_reset_command_names_an_unknown_account():
    with pytest.raises(CommandError, match="не найдена"):
        call_command("reset_staff_mfa", "nobody")


def test_a_citizen_signs_in_by_email_without_a_code(client):
    citizen = get_user_model().objects.create_user(
        username="resident", email="resident@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    response = client.post(
        "/accounts/login/", {"login": "resident@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    assert signed_in_user_id(client) == str(citizen.pk)


def test_a_signed_in_citizen_at_the_admin_sign_in_does_not_loop(client):
    citizen = get_user_model().objects.create_user(username="resident", password=PASSWORD)
    client.force_login(citizen)
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == "/accounts/profile/"


@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/wagtailimages/image/1/change/"])
def test_django_admin_is_not_served(client, path):
    client.force_login(staff_member(username="boss", group=None, is_superuser=True))
    assert client.get(path).status_code == 404

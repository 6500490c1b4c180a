"""ensure_demo_users: one account per staff group and a producer, passwords kept between runs.

It only creates what is missing: an existing account keeps its password, flags and groups.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from portal.roles import CONSUMER_MARKET, CONTEST, EDITORS, JURY, SHELTER

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    settings.DEBUG = True  # a development command; tests run with DEBUG off
    return tmp_path / "var"


def run():
    out = io.StringIO()
    call_command("ensure_demo_users", stdout=out)
    return out.getvalue()


def test_each_staff_group_gets_an_account_and_the_producer_is_not_staff(var_dir):
    run()
    users = {user.username: user for user in get_user_model().objects.all()}
    assert users["admin"].is_superuser
    for username, group in [
        ("shelter", SHELTER),
        ("market", CONSUMER_MARKET),
        ("contest", CONTEST),
        ("juror", JURY),
    ]:
        assert users[username].is_staff and not users[username].is_superuser
        assert list(users[username].groups.values_list("name", flat=True)) == [group]
    for citizen in ("producer", "citizen", "tos-chair", "volunteer"):
        assert not users[citizen].is_staff
        assert not users[citizen].is_superuser


def test_passwords_are_printed_and_stay_the_same_on_the_next_run(var_dir):
    first = run()
    second = run()
    assert first.splitlines()[1:] == second.splitlines()[1:]
    password = (var_dir / "demo-users.txt").read_text().splitlines()[0].split(":", 1)[1]
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_an_existing_superuser_keeps_the_password_the_store_does_not_know(var_dir):
    admin = get_user_model().objects.create_superuser("admin", "boss@sochi.example", "Own-Secret-1")
    output = run()
    admin.refresh_from_db()
    assert admin.check_password("Own-Secret-1")
    assert "admin / пароль не менялся" in output
    stored = (var_dir / "demo-users.txt").read_text().splitlines()
    assert not [line for line in stored if line.startswith("admin:")]


def test_an_existing_account_keeps_its_flags_and_groups(var_dir):
    editor = get_user_model().objects.create_user("editor", password="Own-Secret-2")
    run()
    editor.refresh_from_db()
    assert not editor.is_staff and not editor.is_superuser
    assert not editor.groups.exists()
    assert editor.check_password("Own-Secret-2")
    assert Group.objects.get(name=EDITORS).user_set.count() == 0


def test_a_store_password_that_no_longer_matches_is_not_reset(var_dir):
    run()
    moderator = get_user_model().objects.get(username="moderator")
    moderator.set_password("Changed-By-Hand-3")
    moderator.save()
    output = run()
    moderator.refresh_from_db()
    assert moderator.check_password("Changed-By-Hand-3")
    assert "moderator / пароль не менялся" in output


def test_a_demo_citizen_made_without_a_password_gets_its_first_one(var_dir):
    citizen = get_user_model().objects.create_user("citizen", "citizen@sochi.example")
    assert not citizen.has_usable_password()
    run()
    password = dict(
        line.split(":", 1) for line in (var_dir / "demo-users.txt").read_text().splitlines()
    )["citizen"]
    citizen.refresh_from_db()
    assert citizen.check_password(password)


def test_staff_are_told_about_the_second_factor(var_dir):
    assert "TOTP" in run()


def test_refuses_to_run_with_debug_off(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    settings.DEBUG = False
    with pytest.raises(CommandError, match="только в режиме разработки"):
        run()
    assert not get_user_model().objects.exists()


def test_the_demo_chair_and_volunteer_made_by_the_content_get_a_password(var_dir):
    from contest.demo.applications import CHAIR_EMAIL
    from shelter.demo.volunteers import VOLUNTEER_EMAIL

    get_user_model().objects.create_user("tos-chair", email=CHAIR_EMAIL)
    get_user_model().objects.create_user("volunteer", email=VOLUNTEER_EMAIL)
    run()
    known = dict(
        line.split(":", 1) for line in (var_dir / "demo-users.txt").read_text().splitlines()
    )
    for username in ("tos-chair", "volunteer"):
        assert get_user_model().objects.get(username=username).check_password(known[username])

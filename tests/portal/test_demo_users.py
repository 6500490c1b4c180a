"""ensure_demo_users: one account per staff group and a producer, passwords kept between runs."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from portal.roles import CONSUMER_MARKET, CONTEST, SHELTER

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.BASE_DIR = tmp_path
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
    ]:
        assert users[username].is_staff and not users[username].is_superuser
        assert list(users[username].groups.values_list("name", flat=True)) == [group]
    for citizen in ("producer", "citizen"):
        assert not users[citizen].is_staff
        assert not users[citizen].is_superuser


def test_passwords_are_printed_and_stay_the_same_on_the_next_run(var_dir):
    first = run()
    second = run()
    assert first.splitlines()[1:] == second.splitlines()[1:]
    password = (var_dir / "demo-users.txt").read_text().splitlines()[0].split(":", 1)[1]
    assert get_user_model().objects.get(username="admin").check_password(password)

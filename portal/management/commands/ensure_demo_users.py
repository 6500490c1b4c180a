"""Create the demo's staff accounts once and print how to sign in.

Passwords are generated on first run and kept in var/demo-users.txt (not in git), so every
`make run` can print them again. Not for production: there, create accounts with createsuperuser.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from portal.roles import CONSUMER_MARKET, CONTEST, EDITORS, MODERATORS, SHELTER, ensure_roles

SUPERUSER, STAFF, CITIZEN = "superuser", "staff", "citizen"
# (username, kind, staff group, what the account is for). Citizen accounts may already exist,
# made by a section's demo content (the demo producer's owner, the verified citizen of the contest);
# they get a password here.
DEMO_USERS = [
    ("admin", SUPERUSER, None, "администратор (все права)"),
    ("editor", STAFF, EDITORS, "редактор: готовит новости, публикует через модерацию"),
    ("moderator", STAFF, MODERATORS, "модератор: одобряет публикации"),
    ("shelter", STAFF, SHELTER, "приют: питомцы и заявки"),
    ("market", STAFF, CONSUMER_MARKET, "потребительский рынок: модерация производителей, ярмарки"),
    ("contest", STAFF, CONTEST, "конкурс ТОС: заявки, голоса, итоги"),
    (
        "producer",
        CITIZEN,
        None,
        "производитель: кабинет /cabinet/ (вход по producer@sochi.example)",
    ),
    (
        "citizen",
        CITIZEN,
        None,
        "житель с подтверждёнными почтой и телефоном: голосует в конкурсе ТОС "
        "(вход по citizen@sochi.example)",
    ),
]


class Command(BaseCommand):
    help = "Create the demo accounts (staff of each group, a producer, a citizen); print them."

    def handle(self, *args, **options):
        ensure_roles()
        store = settings.BASE_DIR / "var" / "demo-users.txt"
        store.parent.mkdir(exist_ok=True)
        known = (
            dict(line.split(":", 1) for line in store.read_text().splitlines() if ":" in line)
            if store.exists()
            else {}
        )
        User = get_user_model()  # noqa: N806
        self.stdout.write("Вход в админку: http://127.0.0.1:8000/admin/")
        for username, kind, group_name, role in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None or username not in known:
                password = secrets.token_urlsafe(9)
                if user is None:
                    user = User(username=username, email=f"{username}@sochi.example")
                user.is_staff = kind != CITIZEN
                user.is_superuser = kind == SUPERUSER
                user.set_password(password)
                user.save()
                if group_name:
                    user.groups.add(Group.objects.get(name=group_name))
                known[username] = password
            self.stdout.write(f"  {username} / {known[username]} — {role}")
        store.write_text("".join(f"{name}:{password}\n" for name, password in known.items()))

"""Create the demo's staff accounts once and print how to sign in.

Passwords are generated on first run and kept in var/demo-users.txt (not in git), so every
`make run` can print them again. Not for production: there, create accounts with createsuperuser.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from portal.roles import EDITORS, MODERATORS, ensure_roles

DEMO_USERS = [
    ("admin", None, "администратор (все права)"),
    ("editor", EDITORS, "редактор: готовит новости, публикует через модерацию"),
    ("moderator", MODERATORS, "модератор: одобряет публикации"),
]


class Command(BaseCommand):
    help = "Create demo staff accounts (admin, editor, moderator) and print their credentials."

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
        for username, group_name, role in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None or username not in known:
                password = secrets.token_urlsafe(9)
                if user is None:
                    user = User(username=username, email=f"{username}@sochi.example")
                user.is_staff = True
                user.is_superuser = group_name is None
                user.set_password(password)
                user.save()
                if group_name:
                    user.groups.add(Group.objects.get(name=group_name))
                known[username] = password
            self.stdout.write(f"  {username} / {known[username]} — {role}")
        store.write_text("".join(f"{name}:{password}\n" for name, password in known.items()))

"""Create the demo's staff accounts once and print how to sign in.

Passwords are generated on first run and kept in var/demo-users.txt (not in git), so every
`make run` can print them again. An account that already exists is never changed: its password,
flags and groups stay as they are (only a demo citizen made by the demo content without any
password gets its first one). Refuses to run with DEBUG off: there, create accounts with
createsuperuser.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from portal.public_url import absolute
from portal.roles import (
    CONSUMER_MARKET,
    CONTEST,
    EDITORS,
    JURY,
    MODERATORS,
    PROJECT_TEAM,
    SHELTER,
    ensure_roles,
)

SUPERUSER, STAFF, CITIZEN = "superuser", "staff", "citizen"
# A project team's staff account, made by the projects' demo content (projects.demo.teams) with no
# password and linked to its person there; it gets its first password here.
TEAM = "team"
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
    ("juror", STAFF, JURY, "жюри конкурса ТОС: оценки заявок по критериям"),
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
    (
        "tos-chair",
        CITIZEN,
        None,
        "председатель ТОС «Вардане»: черновик заявки на конкурс 2027 года "
        "(вход по tos-chair@sochi.example)",
    ),
    (
        "volunteer",
        CITIZEN,
        None,
        "принятый волонтёр приюта: расписание смен (вход по volunteer@sochi.example)",
    ),
    (
        "team-admin",
        TEAM,
        PROJECT_TEAM,
        "администратор проекта: отчёты /admin/projects/team/ (приют, адаптация служащих, "
        "конкурс ТОС)",
    ),
    ("team-ecology", TEAM, PROJECT_TEAM, "руководитель проекта «Приют: найди друга»: отчёты"),
    ("team-personnel", TEAM, PROJECT_TEAM, "руководитель проекта «Адаптация служащих»: отчёты"),
    ("team-civil", TEAM, PROJECT_TEAM, "руководитель проекта «Лучший орган ТОС»: отчёты"),
]
# Printed instead of a password for an account that existed before and was left as it is.
UNCHANGED = "пароль не менялся (учётная запись уже была)"


class Command(BaseCommand):
    help = "Create the demo accounts (staff of each group, a producer, a citizen); print them."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Демо-учётные записи создаются только в режиме разработки (DEBUG=True). "
                "На рабочем сервере создайте учётные записи командой createsuperuser."
            )
        ensure_roles()
        store = settings.BASE_DIR / "var" / "demo-users.txt"
        store.parent.mkdir(exist_ok=True)
        known = (
            dict(line.split(":", 1) for line in store.read_text().splitlines() if ":" in line)
            if store.exists()
            else {}
        )
        self.stdout.write(f"Вход в админку: {absolute(reverse('wagtailadmin_home'))}")
        for username, kind, group_name, role in DEMO_USERS:
            password = self._ensure(username, kind, group_name, known)
            if password is None:
                known.pop(username, None)
                shown = UNCHANGED
            else:
                known[username] = shown = password
            self.stdout.write(f"  {username} / {shown} — {role}")
        self.stdout.write(
            "Сотрудники при первом входе в админку настраивают код подтверждения (TOTP) "
            "в приложении-аутентификаторе и сохраняют резервные коды."
        )
        store.write_text("".join(f"{name}:{password}\n" for name, password in known.items()))

    def _ensure(self, username, kind, group_name, known):
        """The account's password to print, or None for an account this command left alone."""
        User = get_user_model()  # noqa: N806
        user = User.objects.filter(username=username).first()
        if user is not None:
            if username in known and user.check_password(known[username]):
                return known[username]
            made_by_demo = kind == TEAM or (kind == CITIZEN and not user.is_staff)
            if made_by_demo and not user.has_usable_password():
                # Made by the demo content (a producer's owner, the contest's voter, a project
                # team's account) with no password at all: giving it a first one changes no one's
                # way in.
                password = secrets.token_urlsafe(9)
                user.set_password(password)
                user.save(update_fields=["password"])
                return password
            return None
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(
            username=username,
            email=f"{username}@sochi.example",
            password=password,
            is_staff=kind != CITIZEN,
            is_superuser=kind == SUPERUSER,
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        return password

"""Reset a staff member's second factor when their phone is lost: only who runs manage.py can."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.mfa import reset_second_factor


class Command(BaseCommand):
    help = "Delete the TOTP and recovery codes of an account; it sets up TOTP at its next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Учётная запись «{username}» не найдена.")
        deleted = reset_second_factor(user)
        self.stdout.write(
            f"Второй фактор «{username}» сброшен (удалено: {deleted}). "
            "При следующем входе в админку нужно заново настроить приложение-аутентификатор."
        )

"""Favourite pets of a signed-in person, kept on the account (visitors keep theirs in the session,
shelter.favourites)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shelter.models.pets import Pet


class FavouritePet(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="favourite_pets",
        verbose_name=_("account"),
    )
    pet = models.ForeignKey(Pet, on_delete=models.CASCADE, related_name="+", verbose_name=_("pet"))
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("favourite pet")
        verbose_name_plural = _("favourite pets")
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "pet"], name="shelter_one_favourite_per_pet")
        ]

    def __str__(self):
        return f"{self.user} ♥ {self.pet}"

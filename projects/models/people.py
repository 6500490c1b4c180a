from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


def team_accounts():
    """The accounts a project person may be linked to: members of the project teams' group."""
    from portal.roles import PROJECT_TEAM

    return Q(groups__name=PROJECT_TEAM)


class Person(index.Indexed, models.Model):
    """A curator, head or administrator of projects, kept once and chosen on each passport."""

    name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The person's staff account: a project's head and administrator report on it through it.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_person",
        limit_choices_to=team_accounts,
        help_text=_("An account of the «Команды проектов» group."),
    )

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("photo"), FieldPanel("user")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("position"),
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

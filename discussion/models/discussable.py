"""`Discussable`: what a page type needs to carry a discussion (news items, project passports)."""

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from discussion.models.comments import Comment


class DiscussableQuerySetMixin:
    """For a page type's queryset: counts for cards."""

    def with_comment_counts(self):
        """Each page's number of published comments as `comment_count`, inside the list's own
        query (a subquery per row in SQL, no query per card in Python)."""
        published = (
            Comment.objects.shown()
            .filter(page=OuterRef("pk"))
            .order_by()
            .values("page")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(Subquery(published), 0))


class Discussable(models.Model):
    """A page residents discuss: its thread in the context, a switch for editors to close it."""

    comments_open = models.BooleanField(
        _("discussion open"),
        default=True,
        help_text=_(
            "Residents may post comments under the page. Closing keeps the published comments "
            "on the page."
        ),
    )

    settings_panels = Page.settings_panels + [FieldPanel("comments_open")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, comment_form=None, **kwargs):
        """`discussion`: the thread as this visitor sees it; `comment_form` re-shows a refused
        post with what the resident typed."""
        from discussion.thread import thread_for

        context = super().get_context(request, *args, **kwargs)
        context["discussion"] = thread_for(self, request, form=comment_form)
        return context

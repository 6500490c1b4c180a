"""What the section pages share: the index page type of a section and routes served by views.

Each section (calendar, shelter, producers, contest, projects, news) has one index page under the
home page with an introduction; the sections with routes serve them with their views modules.
"""

from importlib import import_module

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.models import Page
from wagtail.search import index

from portal.models import PageMetaMixin
from portal.search.backend import LEAD_BOOST, TITLE_BOOST


class SectionIndexPage(PageMetaMixin, Page):
    """The one page of a section, right under the home page: a title and an introduction."""

    intro = models.TextField(_("introduction"), max_length=2000, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("intro", boost=LEAD_BOOST),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        abstract = True


def view_route(pattern, view, name, *, regex=False):
    """A route of a RoutablePageMixin page, answered by `view(request, page, **url_kwargs)`.

    `view` is the function's dotted path: its module is imported on the first request, because
    the views modules import the models that declare these routes.
    """
    module_name, function_name = view.rsplit(".", 1)

    def serve(page, request, *args, **kwargs):
        function = getattr(import_module(module_name), function_name)
        return function(request, page, *args, **kwargs)

    serve.__name__ = serve.__qualname__ = name
    return (re_path if regex else path)(pattern, name=name)(serve)


def read_child(parent, queryset, path_components):
    """The child page of `parent` a one-part path names, read by `queryset` (with what its page
    shows) in one query and knowing its parent; None for any other path. Wagtail's own routing
    reads the child, then its own fields, then each related row, then the parent again."""
    if len(path_components) != 1:
        return None
    child = queryset.child_of(parent).filter(slug=path_components[0]).first()
    if child is not None:
        child._cached_parent_obj = parent
    return child


def live_index_page(model):
    """The live, public index page of a section (one per site), or None while there is none."""
    return model.objects.live().public().first()


class RecordPage:
    """A record shown on a route of its section's index page (a pet, a facility, a producer).

    The record names the index page type (`index_page_type`, an "app.Model" label), the route
    (`page_route`) and the route's arguments (`page_route_kwargs()`); `get_absolute_url()` builds
    the address from them, from an index page already at hand (the site search fetches them all
    at once) or by looking it up. None while the section has no live page.
    """

    index_page_type = ""
    page_route = ""

    def page_route_kwargs(self):
        raise NotImplementedError

    @classmethod
    def index_page_model(cls):
        return apps.get_model(cls.index_page_type)

    def get_absolute_url(self, index_page=None):
        index_page = index_page or live_index_page(self.index_page_model())
        if index_page is None:
            return None
        return index_page.url + index_page.reverse_subpage(
            self.page_route, kwargs=self.page_route_kwargs()
        )

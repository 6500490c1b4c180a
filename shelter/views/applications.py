"""The private status page of an adoption application, reached by the link in the e-mail."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from shelter.models import AdoptionApplication, ApplicationEvent


def application_status_view(request, index_page, token):
    """Anyone with the link sees the timeline (no account needed); a wrong link is a 404.
    Kept out of search engines and the sitemap."""
    application = get_object_or_404(
        AdoptionApplication.objects.select_related("pet").prefetch_related(
            Prefetch("events", queryset=ApplicationEvent.objects.order_by("created_at", "pk"))
        ),
        token=token,
        anonymised_at__isnull=True,
    )
    context = index_page.get_context(request)
    context.update(
        {
            "application": application,
            "timeline": application.timeline(),
            "events": [event for event in application.events.all() if event.message],
            "shelter_url": index_page.url,
            "noindex": True,
        }
    )
    response = TemplateResponse(request, "shelter/application_status.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response

"""Image renditions are made by the task worker when an image is saved, not by a visitor's page.

SPECS lists every rendition the public templates ask for (`{% image %}`, `{% srcset_image %}`,
each size of a srcset and its format filter included); tests/portal/test_renditions.py reads the
templates and fails on a spec missing here. When an image is saved (an upload, a new file or focal
point, in the admin or a producer's cabinet), `make_renditions` is queued for the worker once the
transaction commits and makes every spec for it: a page that shows the image then only reads its
renditions, so a page view writes nothing and the page cache can keep it at once.

Every image gets every spec, whatever pages it appears on: an image may be chosen anywhere (a
news item's body, a page's social card, a pet's gallery), and a few small files per upload cost
less than a visitor's request making one. Until the worker has run, Wagtail's tags still make a
missing rendition when a page asks for it (the page cache then does not keep that response).
`manage.py make_renditions` makes the missing ones of every image: run it once after a release
that adds a spec.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from wagtail.images import get_image_model

logger = logging.getLogger(__name__)

SPECS = (
    # templates/includes/meta.html: the page's social card (og:image).
    "fill-1200x630|format-jpeg",
    # templates/home/home_page.html: the hero.
    "fill-800x450|format-webp",
    # templates/includes/news_card.html.
    "fill-480x270|format-webp",
    # templates/news/news_page.html, blocks/image.html, calendar_pages/includes/photo.html: two
    # widths of a picture in the text.
    "width-600|format-webp",
    "width-1200|format-webp",
    # templates/projects/project_page.html: the team.
    "fill-96x96|format-webp",
    # templates/shelter/: the catalog's cards and the pet's gallery (a srcset each); the ТОС
    # chair's own photos (contest/apply/application.html, fill-320x240) and the commission's
    # review of them (contest/admin/application.html, max-640x480) use the same two.
    "fill-320x240",
    "fill-640x480",
    "max-640x480",
    "max-1280x960",
    # templates/producers/: logos, product cards, a producer's photos.
    "fill-160x160",
    "fill-320x200",
    "fill-400x300",
    # templates/contest/entry_page.html: an entry's photos.
    "fill-480x320",
)

# Saving only these fields of an image leaves its picture as it was: no new renditions.
PICTURE_FIELDS = {
    "file",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
}


@task(backend="scheduled")
def make_renditions(image_id):
    """Make every rendition in SPECS of one image that is not there yet; how many exist then."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0  # deleted since it was saved
    try:
        return len(image.get_renditions(*SPECS))
    except (OSError, ValueError) as error:
        # An unreadable or missing source file: nothing can be made from it, now or on a retry.
        logger.warning("Renditions of image %s not made: %s", image_id, error)
        return 0


def queue_renditions(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of the image model: the renditions are made after the transaction commits."""
    if raw or (update_fields is not None and not PICTURE_FIELDS & set(update_fields)):
        return
    transaction.on_commit(partial(make_renditions.enqueue, instance.pk), robust=True)


def connect():
    post_save.connect(
        queue_renditions, sender=get_image_model(), dispatch_uid="portal_queue_renditions"
    )

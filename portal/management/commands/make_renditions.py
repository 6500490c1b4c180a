"""Make the renditions of every image that are not there yet (after a release adds a spec)."""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from portal.renditions import make_renditions


class Command(BaseCommand):
    help = (
        "Make every rendition the public pages show (portal.renditions.SPECS) for every image, "
        "where it is missing. New and changed images get theirs from the task worker."
    )

    def handle(self, *args, **options):
        images = get_image_model().objects.order_by("pk").values_list("pk", flat=True)
        made = sum(1 for pk in images.iterator() if make_renditions.call(pk))
        self.stdout.write(f"Renditions checked for {made} image(s).")

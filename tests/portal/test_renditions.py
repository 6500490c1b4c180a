"""portal.renditions: every rendition a public page shows is made by the task worker when its
image is saved, so that a page view writes nothing."""

import io
import itertools
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from portal import renditions
from tests.factories import ImageFactory
from tests.portal.test_mail import run_worker

TAG = re.compile(r"\{%\s*(?:image|srcset_image|picture)\s+\S+\s+(.*?)%\}")
BRACES = re.compile(r"^(\w+-)\{(.*)\}$")


def template_specs(text):
    """The filter specs each image tag of a template asks for, as Wagtail stores them ("a|b")."""
    for arguments in TAG.findall(text):
        filters = []
        for token in arguments.split():
            if "=" in token or token == "as":
                break
            braces = BRACES.match(token)
            filters.append(
                [braces[1] + size for size in braces[2].split(",")] if braces else [token]
            )
        for combination in itertools.product(*filters):
            yield "|".join(combination)


def every_template_spec():
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    return {
        spec
        for folder in folders
        for path in folder.rglob("*.html")
        for spec in template_specs(path.read_text(encoding="utf-8"))
    }


def test_the_parser_reads_sizes_formats_and_srcsets():
    text = (
        "{% image page.main_image width-600 format-webp as narrow %}"
        '{% srcset_image photo.image fill-{320x240,640x480} sizes="100vw" alt="" %}'
    )
    assert list(template_specs(text)) == ["width-600|format-webp", "fill-320x240", "fill-640x480"]


def test_every_spec_a_template_asks_for_is_made_and_none_other():
    assert every_template_spec() == set(renditions.SPECS)


def queued(image):
    return DBTaskResult.objects.filter(
        task_path=renditions.make_renditions.module_path, args_kwargs__args=[image.pk]
    )


@pytest.mark.django_db
def test_saving_an_image_queues_its_renditions_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = ImageFactory()
    assert not queued(image).exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    assert queued(image).count() == 1
    assert not image.renditions.exists()  # the request made none


@pytest.mark.django_db
def test_the_worker_makes_every_spec(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory()
    run_worker()
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(renditions.SPECS)


@pytest.mark.django_db
def test_a_title_change_queues_nothing(django_capture_on_commit_callbacks):
    image = ImageFactory()
    image.title = "Новое название"
    with django_capture_on_commit_callbacks(execute=True):
        image.save(update_fields=["title"])
    assert not queued(image).exists()


@pytest.mark.django_db
def test_an_unreadable_source_file_is_logged_not_raised(caplog):
    image = ImageFactory()
    image.file.storage.delete(image.file.name)
    with caplog.at_level(logging.WARNING, logger="portal.renditions"):
        assert renditions.make_renditions.call(image.pk) == 0
    assert f"Renditions of image {image.pk} not made" in caplog.text
    assert renditions.make_renditions.call(image.pk + 1000) == 0  # deleted since: nothing to do


@pytest.mark.django_db
def test_the_command_makes_what_is_missing():
    image = ImageFactory()
    image.get_rendition("fill-160x160")
    call_command("make_renditions", stdout=io.StringIO())
    assert image.renditions.count() == len(renditions.SPECS)

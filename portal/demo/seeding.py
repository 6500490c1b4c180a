"""Fast creation of many live pages under one parent, for query-count tests and benchmarks.

Page.add_child costs several queries per page; at 10,000 pages that is minutes. Here the tree rows
are written with bulk_create (paths computed as treebeard does) and each page type's own row with
one plain insert, so 10,000 pages take seconds. The pages are live but have no revisions and are
not in the search index (run update_index if a test needs them found): this is load, not content.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

BATCH_SIZE = 1000


@transaction.atomic
def bulk_add_pages(parent, model, rows):
    """Add a live `model` page under parent for each row and return them, in order.

    Each row is a dict with "title", "slug" and any of the model's own fields.
    """
    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    first_position = parent.numchild + 1
    tree_rows = [
        Page(
            title=row["title"],
            draft_title=row["title"],
            slug=row["slug"],
            content_type=content_type,
            path=Page._get_path(parent.path, parent.depth + 1, first_position + offset),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{row['slug']}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            locale_id=parent.locale_id,
        )
        for offset, row in enumerate(rows)
    ]
    Page.objects.bulk_create(tree_rows, batch_size=BATCH_SIZE)
    # Read the ids back by path: not every database returns them from a bulk insert.
    ids = dict(
        Page.objects.filter(path__in=[page.path for page in tree_rows]).values_list("path", "pk")
    )
    pages = []
    for tree_row, row in zip(tree_rows, rows, strict=True):
        own_fields = {key: value for key, value in row.items() if key not in ("title", "slug")}
        page = model(page_ptr_id=ids[tree_row.path], **own_fields)
        page.save_base(raw=True)  # raw: only the model's own table; the tree row exists
        pages.append(page)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(rows))
    refresh_statistics(Page, model)
    return pages


def refresh_statistics(*models):
    """What autovacuum does within a minute of a bulk load in production: on PostgreSQL, give the
    planner the tables' statistics. Without them a page list's privacy check (Wagtail's public())
    ran as a nested scan taking seconds per query at 10,000 pages."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

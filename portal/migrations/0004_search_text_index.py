"""A GIN index on the search index's whole text (title || body), on PostgreSQL.

The catalogs' text filter and the site search match `title || body` against the query
(portal.search.backend); the library indexes each column on its own, which the planner cannot use
for the concatenation, so every search read every index entry. Measured at the benchmark's large
size: the site search «новость» 102 → 78 ms, the shelter catalog with text and 3 filters
126 → 107 ms (median, in process).
"""

from django.db import migrations

INDEX = "portal_indexentry_text_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_outbound_email_claims"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]

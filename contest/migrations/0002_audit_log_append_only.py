"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the audit log."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION contest_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'contest_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER contest_auditevent_append_only
    BEFORE UPDATE OR DELETE ON contest_auditevent
    FOR EACH ROW EXECUTE FUNCTION contest_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS contest_auditevent_append_only ON contest_auditevent;
DROP FUNCTION IF EXISTS contest_auditevent_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("contest", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]

"""deploy/restore-drill.sh: a PostgreSQL dump of the portal restores into a scratch database,
which passes the release's migration check and is dropped afterwards."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.shelter.factories import PetFactory

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "restore-drill.sh"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (pg_dump and pg_restore)"
    ),
    # Serialized like the other committing tests: a plain flush would re-create the content types
    # that the next serialized test loads.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def server_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


def drill(dump):
    env = {"PATH": "/usr/bin:/bin", "RESTORE_SERVER_URL": server_url(), "PYTHON": sys.executable}
    return subprocess.run(  # noqa: S603
        ["/bin/bash", str(SCRIPT), str(dump)], cwd=ROOT, env=env, capture_output=True, text=True
    )


def left_behind(result):
    """Whether the drill's own scratch database (it prints its name first) still exists. Another
    drill may run at the same time on another test worker: only this one's counts."""
    match = re.search(r"^Scratch database: (portal_restore_drill_\w+)$", result.stdout, re.M)
    assert match, result.stdout
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [match[1]])
        return cursor.fetchone()[0] > 0


def test_a_dump_of_the_portal_passes_the_drill(tmp_path):
    PetFactory.create_batch(2)
    dump = tmp_path / "portal.dump"
    database = f"{server_url()}/{connection.settings_dict['NAME']}"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", database], check=True)  # noqa: S603, S607
    result = drill(dump)
    assert result.returncode == 0, result.stderr
    assert "shelter.Pet: 2" in result.stdout
    assert "Restore drill passed" in result.stdout
    assert not left_behind(result)


def test_a_damaged_dump_fails_the_drill_and_leaves_nothing_behind(tmp_path):
    dump = tmp_path / "damaged.dump"
    dump.write_bytes(b"PGDMP" + b"\x00" * 64)
    result = drill(dump)
    assert result.returncode != 0
    assert "Restore drill passed" not in result.stdout
    assert not left_behind(result)

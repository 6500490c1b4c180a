"""One cluster (harness.Cluster) for all the cluster tests: two app nodes behind nginx.

The cluster runs on PostgreSQL, as production does: with DATABASE_URL naming a PostgreSQL server
(CI's PostgreSQL stage) the tests run; otherwise they are skipped with that reason. Without
Debian's nginx they are skipped too, unless CLUSTER_REQUIRED=1 (set in CI), where a missing
nginx is a failure.
"""

import os
from pathlib import Path

import pytest

from tests.cluster.harness import NGINX, Cluster

HERE = Path(__file__).resolve().parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")
NOT_POSTGRES = (
    "the cluster runs on PostgreSQL: set DATABASE_URL=postgres://… (CI's PostgreSQL stage)"
)
MISSING_NGINX = f"no {NGINX}: apt-get install nginx"


def pytest_collection_modifyitems(config, items):
    reason = None
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        reason = NOT_POSTGRES
    elif not Path(NGINX).exists() and os.environ.get("CLUSTER_REQUIRED") != "1":
        reason = MISSING_NGINX
    for item in items:
        if HERE in Path(item.path).parents:
            # All on one xdist worker: one cluster, started once.
            item.add_marker(pytest.mark.xdist_group("cluster"))
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    if not Path(NGINX).exists():  # only with CLUSTER_REQUIRED=1; otherwise skipped above
        pytest.fail(f"{MISSING_NGINX} (CLUSTER_REQUIRED=1: may not be skipped)", pytrace=False)
    with Cluster(tmp_path_factory.mktemp("cluster"), postgres=DATABASE_URL) as running:
        yield running

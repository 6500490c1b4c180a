"""On PostgreSQL the search index's whole text has the GIN index the text searches match on."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index"),
]


def test_the_whole_text_of_the_search_index_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    # The expression portal.search.backend matches: (title || body) @@ query.
    assert any("USING gin (((title || body)))" in definition for definition in definitions), (
        definitions
    )

"""A table's token changes when, and only when, a write to it commits (portal.page_cache.tables)."""

import pytest
from django.db import transaction

from portal.models import MainMenu
from portal.page_cache.tables import current_tokens, written_tables

committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TABLE = MainMenu._meta.db_table


@pytest.fixture
def menu(site):
    home, _ = site
    return MainMenu.for_site(home.get_site())


def token():
    return current_tokens([TABLE])[TABLE]


@committing
def test_a_write_outside_a_transaction_replaces_the_token_at_once(menu):
    before = token()
    MainMenu.objects.filter(pk=menu.pk).update(items=[])
    assert token() != before


@committing
def test_a_write_inside_a_transaction_replaces_the_token_only_when_it_commits(menu):
    before = token()
    with transaction.atomic():
        menu.save()
        assert token() == before
    assert token() != before


@committing
def test_a_rolled_back_transaction_leaves_the_token(menu):
    before = token()
    with pytest.raises(RuntimeError), transaction.atomic():
        menu.save()
        raise RuntimeError
    assert token() == before


@committing
def test_a_write_after_a_rolled_back_savepoint_still_replaces_the_token(menu):
    before = token()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            menu.save()
            raise RuntimeError
        menu.save()
    assert token() != before


@committing
def test_a_write_in_a_released_savepoint_replaces_the_token_at_the_outer_commit(menu):
    before = token()
    with transaction.atomic():
        with transaction.atomic():
            menu.save()
        menu.save()
        assert token() == before
    assert token() != before


@committing
def test_each_new_transaction_registers_its_own_replacement(menu):
    with transaction.atomic():
        menu.save()
    between = token()
    with transaction.atomic():
        menu.save()
    assert token() != between


@committing
def test_the_page_cache_off_leaves_tokens_alone(menu, settings):
    before = token()
    settings.PAGE_CACHE_ENABLED = False
    menu.save()
    settings.PAGE_CACHE_ENABLED = True
    assert token() == before


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('INSERT INTO "shelter_pet" ("name") VALUES (%s)', {"shelter_pet"}),
        ('INSERT OR IGNORE INTO "taggit_tag" ("name") VALUES (%s)', {"taggit_tag"}),
        ('UPDATE "portal_mainmenu" SET "items" = %s', {"portal_mainmenu"}),
        ('DELETE FROM "news_newspage" WHERE "id" = %s', {"news_newspage"}),
        ('TRUNCATE "shelter_pet", "shelter_petphoto";', {"shelter_pet", "shelter_petphoto"}),
        ('SELECT "shelter_pet"."id" FROM "shelter_pet"', set()),
    ],
)
def test_the_written_table_is_read_off_the_statement(sql, tables):
    assert written_tables(sql) == tables


@committing
def test_a_token_replaced_by_another_process_is_seen_through_the_generation(menu):
    """This process remembers tokens while the generation is unchanged; another process's
    write replaces both, so the next check here reads the new token."""
    from django.core.cache import caches

    from portal.page_cache.tables import CACHE_ALIAS, GENERATION_KEY, KEY_PREFIX

    before = token()
    store = caches[CACHE_ALIAS]
    store.set(KEY_PREFIX + TABLE, "written-elsewhere", None)
    assert token() == before  # the same generation: the remembered token still holds
    store.set(GENERATION_KEY, "next", None)
    assert token() == "written-elsewhere"

"""Versioned indexes behind an alias, for rebuilds without downtime.

Each rebuild creates '<alias>-<timestamp>', loads every public record into it, and only when all
of them went in moves the alias from the old version to the new one in one atomic call; then the
old versions are deleted. Searches and updates always go through the alias.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from elasticsearch import NotFoundError
from elasticsearch.helpers import streaming_bulk
from elasticsearch_dsl import Index

from portal.search.es.connection import alias_name

BULK_CHUNK = 500


class RebuildError(Exception):
    """Some records could not be indexed; the alias was left where it was."""


@dataclass
class RebuildSummary:
    alias: str
    index: str
    indexed: int
    seconds: float
    deleted_versions: list[str] = field(default_factory=list)


def versioned_name(document, now=None):
    stamp = (now or timezone.now()).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(document)}-{stamp}"


def index_definition(document, name):
    """The index `name` with the document's mapping and the analysers its fields use."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=settings.ELASTICSEARCH_REPLICAS)
    index.document(document)
    return index


def index_actions(document, index_name, queryset=None):
    """Bulk 'index' actions for every public record (or those of `queryset`)."""
    queryset = document.public_queryset() if queryset is None else queryset
    for obj in queryset.iterator(chunk_size=BULK_CHUNK):
        action = document.from_object(obj).to_dict(include_meta=True)
        action["_index"] = index_name
        yield action


def aliased_indexes(client, alias):
    """Names of the indexes the alias points to now (none before the first rebuild)."""
    try:
        return sorted(client.indices.get_alias(name=alias).keys())
    except NotFoundError:
        return []


def versions(client, document):
    """Every versioned index of the document, oldest first."""
    alias = alias_name(document)
    try:
        return sorted(client.indices.get(index=f"{alias}-*").keys())
    except NotFoundError:
        return []


def switch_alias(client, alias, new_index):
    """Point the alias at new_index only, in a single atomic update."""
    actions = [{"remove": {"index": old, "alias": alias}} for old in aliased_indexes(client, alias)]
    actions.append({"add": {"index": new_index, "alias": alias}})
    client.indices.update_aliases(actions=actions)


def rebuild(document, client, progress=None):
    """Build a new version of the document's index and switch the alias to it.

    `progress(done)` is called after each record. Raises RebuildError (and deletes the half-built
    version) when any record fails, so visitors keep searching the previous complete version.
    """
    started = timezone.now()
    alias, name = alias_name(document), versioned_name(document)
    index_definition(document, name).create(using=client)
    indexed, failures = 0, []
    for ok, item in streaming_bulk(
        client, index_actions(document, name), chunk_size=BULK_CHUNK, raise_on_error=False
    ):
        if ok:
            indexed += 1
        else:
            failures.append(item)
        if progress:
            progress(indexed + len(failures))
    if failures:
        client.indices.delete(index=name)
        raise RebuildError(
            f"{len(failures)} records of {document.label()} were not indexed "
            f"(first: {failures[0]}); the alias {alias} was not switched."
        )
    client.indices.refresh(index=name)
    switch_alias(client, alias, name)
    old = [version for version in versions(client, document) if version != name]
    for version in old:
        client.indices.delete(index=version)
    seconds = (timezone.now() - started).total_seconds()
    return RebuildSummary(alias, name, indexed, seconds, old)


@dataclass
class IndexStatus:
    label: str
    alias: str
    indexes: list[str]
    indexed: int | None
    in_database: int

    @property
    def in_step(self):
        return self.indexed == self.in_database


def status(document, client):
    """How many documents the alias holds against the public records in the database."""
    alias = alias_name(document)
    indexes = aliased_indexes(client, alias)
    indexed = client.count(index=alias)["count"] if indexes else None
    in_database = document.public_queryset().count()
    return IndexStatus(document.label(), alias, indexes, indexed, in_database)

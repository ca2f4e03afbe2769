"""The French backend on SQLite: Wagtail's FTS5 backend, French text in."""

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite as base
from modelsearch.utils import get_content_type_pk

from quartiers.search import normalize

from . import common


class FrenchSQLiteIndexer(base.ObjectIndexer):
    def __init__(self, obj, backend, scope_words: str = ""):
        super().__init__(obj, backend)
        self.scope_words = scope_words

    @cached_property
    def _fields(self):
        return common.split_fields(self)

    @cached_property
    def plain_texts(self) -> list[str]:
        titles, bodies, _ = self._fields
        return [value for _field, value in titles + bodies]

    @cached_property
    def title(self):
        return normalize.index_text(" ".join(v for _f, v in self._fields[0]))

    @cached_property
    def body(self):
        return normalize.index_text(" ".join(self.plain_texts))

    @cached_property
    def autocomplete(self):
        values = [value for _field, value in self._fields[2]]
        return common.autocomplete_text(values, self.scope_words)


class FrenchSQLiteIndex(base.SQLiteIndex):
    def add_items(self, model, objs):
        # Wagtail's SQLiteIndex.add_items, with the French indexer.
        if not model.get_search_fields():
            return
        objs = list(objs)
        if not objs:
            return
        content_type_pk = get_content_type_pk(model)
        scopes = common.scope_words(objs, content_type_pk)
        indexers = [
            FrenchSQLiteIndexer(obj, self.backend, scopes.get(id(obj), ""))
            for obj in objs
        ]
        data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body)
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(
            entries.filter(object_id__in=data.keys()).values_list(
                "object_id", flat=True
            )
        )
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            [
                base.IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            ]
        )
        self._refresh_title_norms()
        common.record_vocabulary(indexers, self.write_connection.alias)


class FrenchSQLiteSearchQueryCompiler(base.SQLiteSearchQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        common.search_whole_entries(self)
        common.nothing_without_words(self)

    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(common.french_query(query), config)


class FrenchSQLiteAutocompleteQueryCompiler(base.SQLiteAutocompleteQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        common.search_whole_entries(self)
        common.nothing_without_words(self)

    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(common.french_query(query), config)


def optimize(index) -> None:
    """Merge the FTS5 index into one segment after a rebuild: many small
    segments (left by bulk indexing) make every query read them all."""
    fts = base.SQLiteFTSIndexEntry._meta.db_table
    with index.write_connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")  # noqa: S608


class FrenchSQLiteSearchRebuilder(base.SQLiteSearchRebuilder):
    def finish(self):
        super().finish()
        optimize(self.index)


class FrenchSQLiteSearchAtomicRebuilder(base.SQLiteSearchAtomicRebuilder):
    def finish(self):
        super().finish()
        optimize(self.index)


class FrenchSQLiteSearchBackend(base.SQLiteSearchBackend):
    rebuilder_class = FrenchSQLiteSearchRebuilder
    atomic_rebuilder_class = FrenchSQLiteSearchAtomicRebuilder
    index_class = FrenchSQLiteIndex
    query_compiler_class = FrenchSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchSQLiteAutocompleteQueryCompiler

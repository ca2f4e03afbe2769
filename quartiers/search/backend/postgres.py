"""The French backend on PostgreSQL: Wagtail's full-text backend, French text
in, indexed with the ``simple`` configuration (see the package's docstring)."""

from django.db.models.sql.subqueries import InsertQuery
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres as base
from modelsearch.utils import get_content_type_pk

from quartiers.search import normalize

from . import common

DEFAULT_CONFIG = "simple"


def configured_config(name: str = "default") -> str:
    """The text search configuration the index is built with (settings)."""
    from django.conf import settings

    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    return backends.get(name, {}).get("SEARCH_CONFIG") or DEFAULT_CONFIG


class FrenchPostgresIndexer(base.ObjectIndexer):
    def __init__(self, obj, backend, scope_words: str = ""):
        super().__init__(obj, backend)
        self.scope_words = scope_words

    @cached_property
    def _fields(self):
        return common.split_fields(self)

    @cached_property
    def plain_texts(self) -> list[str]:
        titles, bodies, _ = self._fields
        return [value for _field, _weight, value in titles + bodies]

    @staticmethod
    def _french(entries) -> list[tuple[str, str]]:
        return [(normalize.index_text(value), weight) for _f, weight, value in entries]

    @cached_property
    def title(self):
        return self.as_vector(self._french(self._fields[0]))

    @cached_property
    def body(self):
        titles, bodies, _ = self._fields
        return self.as_vector(self._french(titles + bodies))

    @cached_property
    def title_text(self):
        # The plain mirrors hold the stems too: public search scores them.
        return normalize.index_text(" ".join(v for _f, _w, v in self._fields[0]))

    @cached_property
    def body_text(self):
        return normalize.index_text(" ".join(self.plain_texts))

    @cached_property
    def autocomplete(self):
        values = [value for _field, _weight, value in self._fields[2]]
        text = common.autocomplete_text(values, self.scope_words)
        return self.as_vector([(text, "D")], for_autocomplete=True)


class FrenchPostgresIndex(base.PostgresIndex):
    def add_items(self, model, objs):
        # Wagtail's PostgresIndex.add_items, with the French indexer.
        if not model.get_search_fields():
            return
        objs = list(objs)
        if not objs:
            return
        content_type_pk = get_content_type_pk(model)
        scopes = common.scope_words(objs, content_type_pk)
        indexers = [
            FrenchPostgresIndexer(obj, self.backend, scopes.get(id(obj), ""))
            for obj in objs
        ]
        compiler = InsertQuery(base.IndexEntry).get_compiler(
            connection=self.write_connection
        )
        rows_sql = []
        params: list = []
        for indexer in indexers:
            params += [content_type_pk, indexer.id]
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    base.IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params += value_params
            params += [indexer.title_text, indexer.body_text]
            rows_sql.append(f"(%s, %s, {', '.join(vectors)}, 1.0, %s, %s)")
        table = base.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, "  # noqa: S608
                "autocomplete, body, title_norm, title_text, body_text) "
                f"(VALUES {', '.join(rows_sql)}) "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                "title = EXCLUDED.title, title_norm = 1.0, "
                "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
        self._refresh_title_norms()
        common.record_vocabulary(indexers, self.write_connection.alias)


class FrenchPostgresSearchQueryCompiler(base.PostgresSearchQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        common.search_whole_entries(self)
        common.nothing_without_words(self)

    def build_tsquery_content(self, query, config=None, invert=False):
        return super().build_tsquery_content(
            common.french_query(query), config=config, invert=invert
        )


class FrenchPostgresAutocompleteQueryCompiler(base.PostgresAutocompleteQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        common.search_whole_entries(self)
        common.nothing_without_words(self)

    def build_tsquery_content(self, query, config=None, invert=False):
        return super().build_tsquery_content(
            common.french_query(query), config=config, invert=invert
        )


class FrenchPostgresSearchBackend(base.PostgresSearchBackend):
    index_class = FrenchPostgresIndex
    query_compiler_class = FrenchPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchPostgresAutocompleteQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or DEFAULT_CONFIG

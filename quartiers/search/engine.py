"""The one query that asks the full-text index for candidates, and their score.

Wagtail's ``queryset.search()`` works one model at a time and ranks every
match (``pk IN (all matches)`` then a score per row), so a search across
eight kinds would be eight unbounded queries. Here one query (a UNION ALL of
one part per kind) reads Wagtail's index entries directly, each part narrowed
to its kind, and to a portal, by the scope words stored with every entry
(:mod:`.scope`), inside the engine. Each part returns at most ``limit``
entries: the kind's most recently indexed matches. A word found in half the
corpus costs ``limit`` rows per kind, never half the corpus.

Scores are computed here, in Python, from the entries' stored (French-
normalised) text: words of the title count most, then how often the words
come back in the text, saturated and weighed by its length (as BM25 does,
without the inverse document frequency). The engines' own ranking functions
are not used: SQLite's ``bm25()`` and PostgreSQL's statistics walk every
match of every word to weigh it, which is the unbounded work this module
avoids; and the same formula on both engines gives the same order.
"""

from dataclasses import dataclass

from django.db import connection

from .query import ParsedQuery
from .scope import kind_word, portal_word


@dataclass(frozen=True)
class Hit:
    content_type_id: int
    object_id: int
    score: float  # higher is more relevant


class SearchUnavailable(Exception):
    """The database has no full-text engine the search knows."""


TITLE_WEIGHT = 2.0
AVERAGE_WORDS = 120  # of an entry's text, for the length normalisation
K1 = 1.2


def score(query: ParsedQuery, title: str, body: str) -> float:
    """Relevance of one entry (its stored stems) for the query's terms."""
    title = f" {title or ''} "
    body = f" {body or ''} "
    norm = 0.25 + 0.75 * body.count(" ") / AVERAGE_WORDS
    total = 0.0
    for term in query.terms:
        if term.prefix and not term.expansions:
            needles = [f" {term.stem}"]  # any word starting with it
        else:
            needles = [f" {stem} " for stem in term.stems]
        frequency = sum(body.count(needle) for needle in needles)
        total += frequency * (K1 + 1) / (frequency + K1 * norm)
        if any(needle in title for needle in needles):
            total += TITLE_WEIGHT
    return total


def candidates(
    query: ParsedQuery,
    *,
    content_type_ids: list[int],
    portal_id: int | None,
    limit: int,
) -> tuple[list[Hit], set[int]]:
    """Scored hits of each kind (newest first within a kind), and the
    content types whose part stopped at ``limit`` (they may have more)."""
    if not query.terms or not content_type_ids or limit <= 0:
        return [], set()
    if connection.vendor == "sqlite":
        part = _sqlite_part
    elif connection.vendor == "postgresql":
        part = _postgres_part
    else:
        raise SearchUnavailable(connection.vendor)
    parts, params = [], []
    for content_type_id in content_type_ids:
        sql, part_params = part(query, content_type_id, portal_id, limit)
        parts.append(f"SELECT * FROM ({sql}) AS part{len(parts)}")  # noqa: S608
        params += part_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    hits = []
    counts: dict[int, int] = {}
    for content_type_id, object_id, title, body in rows:
        counts[content_type_id] = counts.get(content_type_id, 0) + 1
        try:
            hits.append(Hit(content_type_id, int(object_id), score(query, title, body)))
        except ValueError:
            continue  # an index entry of a model with non-integer keys
    return hits, {ct for ct, count in counts.items() if count >= limit}


def _scope_words(content_type_id: int, portal_id: int | None) -> list[str]:
    words = [kind_word(content_type_id)]
    if portal_id is not None:
        words.append(portal_word(portal_id))
    return words


def _fts5_term(term) -> str:
    # Stems and scope words hold letters and digits only: quoting is enough.
    if term.expansions:
        return "(" + " OR ".join(f'"{stem}"' for stem in term.expansions) + ")"
    return f'"{term.stem}"' + ("*" if term.prefix else "")


def _sqlite_part(query, content_type_id, portal_id, limit):
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

    fts = SQLiteFTSIndexEntry._meta.db_table
    entries = IndexEntry._meta.db_table
    words = " AND ".join(_fts5_term(term) for term in query.terms)
    scopes = " AND ".join(
        f'"{word}"' for word in _scope_words(content_type_id, portal_id)
    )
    # FTS5 walks its matches by descending rowid and stops at the limit.
    sql = (
        f"SELECT e.content_type_id, e.object_id, e.title, e.body "  # noqa: S608
        f"FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
        f"WHERE {fts} MATCH %s ORDER BY {fts}.rowid DESC LIMIT %s"
    )
    return sql, [f"body : ({words}) AND autocomplete : ({scopes})", limit]


def _tsquery_term(term) -> str:
    if term.expansions:
        return "(" + " | ".join(f"'{stem}'" for stem in term.expansions) + ")"
    return f"'{term.stem}'" + (":*" if term.prefix else "")


def _postgres_part(query, content_type_id, portal_id, limit):
    from wagtail.search.models import IndexEntry

    from .backend.postgres import configured_config

    entries = IndexEntry._meta.db_table
    words = " & ".join(_tsquery_term(term) for term in query.terms)
    # The kind by its column: with the (content_type_id, id) b-tree of this
    # app's migration, PostgreSQL walks a kind's newest entries for a common
    # word and stops at the limit, and uses the GIN index for a rare one.
    scope_sql, scope_params = "", []
    if portal_id is not None:
        scope_sql = "AND e.autocomplete @@ to_tsquery('simple', %s) "
        scope_params = [f"'{portal_word(portal_id)}'"]
    # title_text and body_text hold the same stems as the SQLite columns.
    sql = (
        "SELECT e.content_type_id, e.object_id, e.title_text, e.body_text "  # noqa: S608
        f"FROM {entries} e WHERE e.content_type_id = %s "
        f"AND e.body @@ to_tsquery(%s::regconfig, %s) {scope_sql}"
        "ORDER BY e.id DESC LIMIT %s"
    )
    return sql, [content_type_id, configured_config(), words, *scope_params, limit]

"""Wagtail's database search backend, taught French.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "quartiers.search.backend"}}``

It is Wagtail's own database backend (SQLite FTS5, or PostgreSQL full text),
with three changes, all made in Python so that both engines behave the same:

- the text of ``title`` and ``body`` is stored through
  :mod:`quartiers.search.normalize` (no accents, no case, minimal French
  stems, no small grammatical words), and the ``body`` column also holds the
  title, so one column answers "all these words, anywhere";
- the ``autocomplete`` column (stemmed the same way) also holds the
  portal's scope word (:mod:`quartiers.search.scope`);
- queries typed in the admin go through the same normalisation, so
  animators' searches keep finding what they look for;

and it keeps the vocabulary for "did you mean" (:mod:`.vocabulary`).

Why not PostgreSQL's ``french`` configuration: it keeps accents (``école``
and ``ecole`` differ unless the ``unaccent`` extension and a custom
configuration are installed), its Snowball stems break prefix queries
("communau*" no longer finds "communauté") and SQLite has no equivalent, so
the two engines CI runs would disagree. The stored text is already French-
normalised; PostgreSQL indexes it with the ``simple`` configuration unless
``SEARCH_CONFIG`` says otherwise.
"""

from django.db import connection


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for)
    if connection.vendor == "postgresql":
        from .postgres import FrenchPostgresSearchBackend

        return FrenchPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import (
            fts5_available,
            fts_table_exists,
        )

        if fts5_available() and fts_table_exists():
            from .sqlite import FrenchSQLiteSearchBackend

            return FrenchSQLiteSearchBackend(params)
    # Another database, or SQLite without FTS5: Wagtail's plain fallback.
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)

"""Writes of the audience counters: atomic increments, the same on SQLite and
PostgreSQL.

``INSERT ... ON CONFLICT (...) DO UPDATE SET n = table.n + excluded.n`` is
spelled the same by both databases: one statement adds to a row or creates
it, with no read before the write, so two requests counting the same page at
the same moment never lose a view (an ``update_or_create`` would).
"""

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from .models import DailyPageViews, DailyVisits


def _upsert_sql(model, keys: list[str], counters: list[str]) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in keys + counters]
    key_columns = ", ".join(quote(model._meta.get_field(n).column) for n in keys)
    updates = ", ".join(
        f"{quote(column)} = {table}.{quote(column)} + excluded.{quote(column)}"
        for column in (model._meta.get_field(name).column for name in counters)
    )
    return (
        # Names come from the models, quoted; values stay parameters.
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({key_columns}) DO UPDATE SET {updates}"
    )


def audience_add(
    *,
    page_views: Iterable[tuple[int, date, str, int]],
    visits: Iterable[tuple[int, date, int, int]],
) -> None:
    """Add to the counters: page_views as (portal_id, day, path, views) and
    visits as (portal_id, day, visits, page_views) rows, in one transaction."""
    day = connection.ops.adapt_datefield_value
    page_rows = [(p, day(d), path, n) for p, d, path, n in page_views]
    visit_rows = [(p, day(d), v, n) for p, d, v, n in visits]
    with transaction.atomic(), connection.cursor() as cursor:
        if page_rows:
            cursor.executemany(
                _upsert_sql(DailyPageViews, ["portal", "day", "path"], ["views"]),
                page_rows,
            )
        if visit_rows:
            cursor.executemany(
                _upsert_sql(DailyVisits, ["portal", "day"], ["visits", "page_views"]),
                visit_rows,
            )

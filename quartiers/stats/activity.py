"""Activity: who did what, on which portal and when, across apps.

Each app's contributions are a *source* of rows (portal, person, moment);
the dashboard counts distinct people over the union of every source in a
single query, built from the ORM's own SQL so that each source keeps its
joins and filters.

*Active residents* are the distinct people active in the period; *new
voices* the people whose very first published contribution on that portal
falls in the period. The portal's animators are counted in neither: their
work is not the residents' participation.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F

from .metrics import period_bounds


@dataclass(frozen=True)
class ActivitySource:
    """One kind of contribution. Each callable returns a queryset of rows
    (stats_portal, stats_user, stats_at): ``any`` every contribution (drafts
    and pending ones too), ``published`` the ones that went online."""

    key: str
    any: Callable[[], object]
    published: Callable[[], object]


_sources: dict[str, ActivitySource] = {}


def register_activity(source: ActivitySource) -> None:
    _sources[source.key] = source


def activity_sources() -> list[ActivitySource]:
    return [_sources[key] for key in sorted(_sources)]


def rows(queryset, portal: str, user: str, at: str):
    """The (stats_portal, stats_user, stats_at) rows of a source."""
    return (
        queryset.order_by()
        .annotate(stats_portal=F(portal), stats_user=F(user), stats_at=F(at))
        .values_list("stats_portal", "stats_user", "stats_at")
    )


def model_activity(
    key: str,
    queryset: Callable[[], Any],
    *,
    author: str,
    created: str,
    published: dict,
    published_at: str = "",
) -> ActivitySource:
    """A source for a model with a portal: every row by ``author`` at
    ``created``; the published ones are those matching ``published`` (a
    filter), dated ``published_at`` (``created`` when not given)."""
    return ActivitySource(
        key,
        any=lambda: rows(queryset().all(), "portal_id", author, created),
        published=lambda: rows(
            queryset().filter(**published),
            "portal_id",
            author,
            published_at or created,
        ),
    )


def _union(kind: str, portal_ids: Sequence[int], until, since=None) -> tuple[str, list]:
    """One UNION ALL of every source's rows in [since, until), as SQL + params.

    Built from the ORM's own SQL so each source keeps its joins and filters;
    the dashboard then aggregates over it in a single query.
    """
    parts, params = [], []
    for number, source in enumerate(activity_sources()):
        queryset = getattr(source, kind)().filter(
            stats_portal__in=list(portal_ids),
            stats_user__isnull=False,
            stats_at__lt=until,
        )
        if since is not None:
            # In each source, where its indexes can serve it.
            queryset = queryset.filter(stats_at__gte=since)
        sql, source_params = queryset.query.sql_with_params()
        parts.append(
            # Only the ORM's own SQL and fixed names; values stay parameters.
            f"SELECT s{number}.stats_portal, s{number}.stats_user, s{number}.stats_at "  # noqa: S608
            f"FROM ({sql}) s{number}"
        )
        params.extend(source_params)
    return " UNION ALL ".join(parts), params


def _not_animator_sql() -> tuple[str, list]:
    from quartiers.accounts.models import Membership

    quote = connection.ops.quote_name
    table = quote(Membership._meta.db_table)
    return (
        f"NOT EXISTS (SELECT 1 FROM {table} m WHERE m.{quote('portal_id')} = "  # noqa: S608
        f"a.stats_portal AND m.{quote('user_id')} = a.stats_user "
        f"AND m.{quote('role')} = %s)",
        [Membership.ANIMATOR],
    )


def _fetch(sql: str, params: list) -> dict[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {portal_id: int(n) for portal_id, n in cursor.fetchall()}


def active_residents(portal_ids, start, end) -> dict[int, int]:
    if not activity_sources() or not portal_ids:
        return {}
    since, until = period_bounds(start, end)
    union, params = _union("any", portal_ids, until, since)
    not_animator, animator_params = _not_animator_sql()
    return _fetch(
        f"SELECT a.stats_portal, COUNT(DISTINCT a.stats_user) FROM ({union}) a "  # noqa: S608
        f"WHERE {not_animator} GROUP BY a.stats_portal",
        [*params, *animator_params],
    )


def new_voices(portal_ids, start, end) -> dict[int, int]:
    if not activity_sources() or not portal_ids:
        return {}
    since, until = period_bounds(start, end)
    union, params = _union("published", portal_ids, until)
    not_animator, animator_params = _not_animator_sql()
    since_db = connection.ops.adapt_datetimefield_value(since)
    return _fetch(
        "SELECT a.stats_portal, COUNT(*) FROM ("  # noqa: S608
        "SELECT u.stats_portal, u.stats_user, MIN(u.stats_at) AS first_at "
        f"FROM ({union}) u GROUP BY u.stats_portal, u.stats_user"
        f") a WHERE a.first_at >= %s AND {not_animator} GROUP BY a.stats_portal",
        [*params, since_db, *animator_params],
    )

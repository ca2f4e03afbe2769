"""The registry of figures the dashboard compares between portals.

A metric computes one number per portal over a period, for many portals at
once, with one grouped query (never one query per portal or per item):
``compute(portal_ids, start, end) -> {portal_id: number}``, ``start`` and
``end`` being dates, both included. A portal missing from the answer has 0.

Apps add their own figures with ``register_metric(Metric(...))``; this app
registers the audience and those of the apps it knows (``participation``).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AUDIENCE = "audience"
PARTICIPATION = "participation"
CONTENT = "contenus"
SHARING = "partage"

GROUP_LABELS = {
    AUDIENCE: _("Audience"),
    PARTICIPATION: _("Participation"),
    CONTENT: _("Contenus publiés"),
    SHARING: _("Partage entre quartiers"),
}

COUNT = "count"
DAYS = "days"  # an average duration, in days with one decimal

Compute = Callable[[Sequence[int], date, date], dict[int, float | int]]


@dataclass(frozen=True)
class Metric:
    key: str
    label: Any  # gettext_lazy
    compute: Compute
    help_text: Any = ""
    group: str = PARTICIPATION
    kind: str = COUNT
    order: int = 100


_metrics: dict[str, Metric] = {}


def register_metric(metric: Metric) -> None:
    _metrics[metric.key] = metric


def unregister_metric(key: str) -> None:
    _metrics.pop(key, None)


def metrics() -> list[Metric]:
    return sorted(_metrics.values(), key=lambda m: (m.order, m.key))


def metric(key: str) -> Metric | None:
    return _metrics.get(key)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Aware datetimes [from, to) covering the local days start..end."""
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def grouped_counts(queryset, portal_field: str = "portal_id") -> dict[int, int]:
    """{portal_id: count} from one GROUP BY query."""
    from django.db.models import Count

    rows = (
        queryset.order_by()
        .values(portal_field)
        .annotate(n=Count("pk"))
        .values_list(portal_field, "n")
    )
    return {portal_id: n for portal_id, n in rows if portal_id is not None}


def counted_in_period(
    queryset: Callable[[], Any], date_field: str, **filters
) -> Compute:
    """A metric's compute: how many rows of ``queryset()`` (a callable, so
    the model is read when counting) matching ``filters`` have their
    ``date_field`` in the period, per portal, in one grouped query."""

    def compute(portal_ids, start, end):
        since, until = period_bounds(start, end)
        return grouped_counts(
            queryset().filter(
                portal_id__in=portal_ids,
                **{f"{date_field}__gte": since, f"{date_field}__lt": until},
                **filters,
            )
        )

    return compute

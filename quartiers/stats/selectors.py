"""Reads of the dashboard: every figure for many portals, in a fixed number of
queries (one per metric, one for the curve, one for the top pages), whatever
the number of portals or days."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from quartiers.portals.models import Portal

from . import metrics as registry
from .metrics import DAYS, GROUP_LABELS, Metric
from .models import DailyPageViews, DailyVisits
from .periods import Period


@dataclass
class Cell:
    value: float | int | None
    display: str


@dataclass
class Row:
    portal: Portal
    cells: list[Cell]


@dataclass
class Figures:
    period: Period
    metrics: list[Metric]
    values: dict[str, dict[int, float | int]]
    rows: list[Row]
    totals: list[Cell]

    def groups(self) -> list[tuple[str, int]]:
        """(label, number of columns) for the table's grouped header."""
        groups: list[tuple[str, int]] = []
        for metric in self.metrics:
            label = str(GROUP_LABELS.get(metric.group, metric.group))
            if groups and groups[-1][0] == label:
                groups[-1] = (label, groups[-1][1] + 1)
            else:
                groups.append((label, 1))
        return groups

    def value(self, key: str, portal_id: int):
        return self.values.get(key, {}).get(portal_id, 0)


def _cell(metric: Metric, value) -> Cell:
    from .charts import display

    if metric.kind == DAYS:
        return Cell(value, display(value, decimals=1))
    return Cell(value or 0, display(value or 0))


def figures(*, portals: Sequence[Portal], period: Period) -> Figures:
    """Every registered metric for these portals over the period."""
    portal_ids = [portal.pk for portal in portals]
    chosen = registry.metrics()
    values = {
        metric.key: (
            metric.compute(portal_ids, period.start, period.end) if portal_ids else {}
        )
        for metric in chosen
    }
    rows = []
    for portal in portals:
        cells = []
        for metric in chosen:
            value = values[metric.key].get(portal.pk)
            cells.append(_cell(metric, value if metric.kind == DAYS else value or 0))
        rows.append(Row(portal=portal, cells=cells))
    totals = []
    for metric in chosen:
        found = [v for v in values[metric.key].values() if v is not None]
        if metric.kind == DAYS:
            # An average of averages would mislead; leave it out.
            totals.append(Cell(None, "—"))
        else:
            totals.append(_cell(metric, sum(found)))
    return Figures(
        period=period, metrics=chosen, values=values, rows=rows, totals=totals
    )


def daily_audience(
    *, portal_ids: Sequence[int], start: date, end: date
) -> dict[date, tuple[int, int]]:
    """{day: (visits, page views)} summed over the portals, one query."""
    rows = (
        DailyVisits.objects.filter(
            portal_id__in=list(portal_ids), day__gte=start, day__lte=end
        )
        .order_by()
        .values("day")
        .annotate(visits=Sum("visits"), views=Sum("page_views"))
        .values_list("day", "visits", "views")
    )
    return {day: (visits or 0, views or 0) for day, visits, views in rows}


@dataclass
class TopPage:
    path: str
    views: int
    title: str  # the page's title, or "" for an address that is not a page

    @property
    def display(self) -> str:
        from .charts import display

        return display(self.views)


def top_pages(
    *, portal: Portal, start: date, end: date, limit: int = 10
) -> list[TopPage]:
    """The most read addresses of one portal over the period, with the title
    of those that are pages: two queries, whatever the period."""
    from wagtail.models import Page

    rows = list(
        DailyPageViews.objects.filter(portal=portal, day__gte=start, day__lte=end)
        .order_by()
        .values("path")
        .annotate(views=Sum("views"))
        .order_by("-views", "path")
        .values_list("path", "views")[:limit]
    )
    titles: dict[str, str] = {}
    home = portal.home_page
    if rows and home is not None:
        base = home.url_path.rstrip("/")
        found = Page.objects.filter(
            url_path__in=[base + path for path, _views in rows]
        ).values_list("url_path", "title")
        titles = {url_path[len(base) :]: title for url_path, title in found}
    return [TopPage(path, views, titles.get(path, "")) for path, views in rows]

"""Small charts drawn on the server as SVG: readable without JavaScript.

These functions only compute geometry; the templates in
``stats/includes/`` draw it, each chart with a title, a one-sentence
description and the same figures as a table.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.formats import number_format

WIDTH = 640
HEIGHT = 180
PAD_TOP = 8
PAD_BOTTOM = 4


@dataclass
class Bar:
    label: str
    value: float
    display: str
    percent: float  # of the largest value, for the bar's width


@dataclass
class BarChart:
    title: str
    key: str = "bars"  # unique on the page (element ids)
    bars: list[Bar] = field(default_factory=list)
    hidden: int = 0  # items left out of the chart (all are in the table)

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def display(value: float | int | None, *, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def bar_chart(
    title: str,
    items: list[tuple[str, float | None]],
    *,
    key: str = "bars",
    limit: int = 15,
    decimals: int = 0,
) -> BarChart:
    """The ``limit`` largest items, largest first."""
    ranked = sorted(items, key=lambda item: (-(item[1] or 0), item[0]))
    shown = ranked[:limit]
    top = max((value or 0 for _label, value in shown), default=0) or 1
    return BarChart(
        title=title,
        key=key,
        bars=[
            Bar(
                label=label,
                value=value or 0,
                display=display(value, decimals=decimals),
                percent=round(100 * (value or 0) / top, 2),
            )
            for label, value in shown
        ],
        hidden=max(len(ranked) - limit, 0),
    )


@dataclass
class Point:
    day: date  # the day, or the Monday of the week
    value: int
    x: float
    y: float


@dataclass
class LineChart:
    title: str
    weekly: bool
    points: list[Point]
    maximum: int
    total: int
    start: date
    end: date
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def area(self) -> str:
        if not self.points:
            return ""
        base = self.height - PAD_BOTTOM
        first, last = self.points[0], self.points[-1]
        return f"{first.x:.1f},{base} {self.polyline} {last.x:.1f},{base}"

    @property
    def peak(self) -> Point | None:
        return max(self.points, key=lambda p: p.value, default=None)

    @property
    def empty(self) -> bool:
        return self.total == 0

    @property
    def gridlines(self) -> list[float]:
        """Heights of the quarter lines, top to bottom."""
        usable = self.height - PAD_TOP - PAD_BOTTOM
        return [PAD_TOP + usable * step / 4 for step in range(4)]


def _buckets(start: date, end: date, weekly: bool) -> list[date]:
    if not weekly:
        return [start + timedelta(days=n) for n in range((end - start).days + 1)]
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def line_chart(
    title: str, daily: dict[date, int], start: date, end: date, *, weekly: bool
) -> LineChart:
    """One point per day from start to end (days without figures at zero);
    or, for long periods, one point per week (Monday first): the average per
    day of that week, so that a week cut by the period does not look like a
    fall."""
    buckets = _buckets(start, end, weekly)
    totals = dict.fromkeys(buckets, 0)
    lengths = dict.fromkeys(buckets, 0)
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        key = day - timedelta(days=day.weekday()) if weekly else day
        totals[key] += daily.get(day, 0) or 0
        lengths[key] += 1
    values = {
        key: round(totals[key] / lengths[key]) if weekly else totals[key]
        for key in buckets
    }
    maximum = max(values.values(), default=0)
    usable = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = WIDTH / max(len(buckets) - 1, 1)
    points = [
        Point(
            day=day,
            value=value,
            x=index * step,
            y=PAD_TOP + usable * (1 - value / maximum)
            if maximum
            else HEIGHT - PAD_BOTTOM,
        )
        for index, (day, value) in enumerate(values.items())
    ]
    return LineChart(
        title=title,
        weekly=weekly,
        points=points,
        maximum=maximum,
        total=sum(totals.values()),
        start=start,
        end=end,
    )


def curve_end(start: date, end: date, today: date) -> date:
    """Curves stop at yesterday: today is not over, and half a day at the end
    of a curve looks like a fall of the audience."""
    if start < today <= end:
        return today - timedelta(days=1)
    return end

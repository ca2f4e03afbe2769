"""Six months of believable audience for each demo portal.

Generated, not measured: a weekly rhythm (quieter at the weekend), a slow
growth as the portal becomes known, and a peak around the portal's events.
Deterministic per portal, written with bulk_create, and idempotent: days that
already have figures are left alone (a second run adds nothing).
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .models import DailyPageViews, DailyVisits

DAYS = 182
WEEKDAY_FACTOR = [1.0, 1.05, 1.1, 1.0, 0.95, 0.75, 0.7]  # Monday first
SECTION_WEIGHTS = {"/": 30, "/journal/": 14, "/agenda/": 10, "/annonces/": 9}


def _paths(portal) -> list[tuple[str, int]]:
    """(path, weight): the home, the main sections and up to 12 real pages."""
    weights = dict(SECTION_WEIGHTS)
    home = portal.home_page
    if home is not None:
        pages = (
            Page.objects.descendant_of(home)
            .live()
            .filter(depth__gt=home.depth + 1)
            .order_by("-first_published_at", "pk")
            .values_list("url_path", flat=True)[:12]
        )
        for rank, url_path in enumerate(pages):
            path = "/" + url_path[len(home.url_path) :]
            weights.setdefault(path, max(8 - rank // 2, 2))
    return list(weights.items())


def _event_days(portal, start: date, end: date) -> set[date]:
    from django.apps import apps

    days: set[date] = set()
    if apps.is_installed("quartiers.agenda"):
        Occurrence = apps.get_model("agenda", "Occurrence")
        for moment in Occurrence.objects.filter(
            portal=portal,
            start__date__gte=start,
            start__date__lte=end,
        ).values_list("start", flat=True)[:20]:
            days.add(timezone.localdate(moment))
    return days


def _split(total: int, paths: list[tuple[str, int]], rng: random.Random):
    """Share ``total`` views between paths by weight, the rest on the home."""
    weight_sum = sum(weight for _path, weight in paths)
    shares = []
    for path, weight in paths:
        share = int(total * weight * rng.uniform(0.7, 1.3) / weight_sum)
        shares.append([path, share])
    shares[0][1] += total - sum(share for _path, share in shares)
    if shares[0][1] < 0:  # the random factors overshot: scale down
        shares = [[path, 0] for path, _share in shares]
        shares[0][1] = total
    return [(path, share) for path, share in shares if share > 0]


@transaction.atomic
def seed_audience(portal) -> None:
    today = timezone.localdate()
    start, end = today - timedelta(days=DAYS), today - timedelta(days=1)
    existing = set(
        DailyVisits.objects.filter(
            portal=portal, day__gte=start, day__lte=end
        ).values_list("day", flat=True)
    )
    days = [
        start + timedelta(days=n)
        for n in range(DAYS)
        if start + timedelta(days=n) not in existing
    ]
    if not days:
        return
    rng = random.Random(f"audience-{portal.slug}")
    size = rng.uniform(40, 160)  # visits a day once the portal is known
    paths = _paths(portal)
    events = _event_days(portal, start, end + timedelta(days=3))
    # Two neighbourhood festivals, even when the agenda has none in the past.
    events |= {start + timedelta(days=rng.randint(20, 80)), end - timedelta(days=30)}
    visit_rows, page_rows = [], []
    for day in days:
        growth = 0.55 + 0.45 * (day - start).days / DAYS
        boost = 1.0
        for event in events:
            gap = (event - day).days
            if 0 <= gap <= 3:
                boost = max(boost, 1.9 - 0.2 * gap)
        visits = max(
            int(
                size
                * growth
                * WEEKDAY_FACTOR[day.weekday()]
                * boost
                * rng.gauss(1, 0.12)
            ),
            1,
        )
        views = int(visits * rng.uniform(1.8, 2.8))
        visit_rows.append(
            DailyVisits(portal=portal, day=day, visits=visits, page_views=views)
        )
        page_rows.extend(
            DailyPageViews(portal=portal, day=day, path=path, views=share)
            for path, share in _split(views, paths, rng)
        )
    DailyVisits.objects.bulk_create(visit_rows, batch_size=500, ignore_conflicts=True)
    DailyPageViews.objects.bulk_create(
        page_rows, batch_size=1000, ignore_conflicts=True
    )

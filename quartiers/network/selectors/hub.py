"""Reads for the network hub: highlights shared with the public, the next
events of the whole network, the map. Each costs one bounded query,
whatever the number of portals.

Every hub surface (the list and the map of portals, highlights, events, the
choice at sign-up, the API's list of portals) reads the portals through one
selector, ``portals.selectors.listed_portals``: a portal that is not opened
yet (``Portal.is_open``) appears on none of them.
"""

from quartiers.portals.selectors import listed_portals

from ..models import Share
from .cards import SharedItem, describe, portal_root, visible_at_origin, with_items
from .live import live_condition


def hub_highlights(request, *, limit: int = 6) -> list[SharedItem]:
    """The network's highlights: pieces shared with the public, newest first."""
    shares = list(
        with_items(
            Share.objects.filter(
                audience=Share.AUDIENCE_PUBLIC,
                portal__in=listed_portals().values("pk"),
            ).filter(live_condition())
        ).order_by("-created_at", "-pk")[:limit]
    )
    items = describe(shares, request)
    return [item for item in items if visible_at_origin(item)]


HUB_EVENTS_POOL = 200


def hub_events(request, *, limit: int = 8) -> list[dict]:
    """The next events of the network, each with its portal's link.

    Each event once (its next date); one event per portal, and one per
    title (the same "Permanence numérique" in every portal), before the
    others, so that the hub shows the variety of the whole network rather
    than its busiest agenda. One query for a bounded pool.
    """
    from quartiers.agenda import selectors as agenda_selectors

    pool = agenda_selectors.network_upcoming(limit=HUB_EVENTS_POOL)
    seen_events: set[int] = set()
    distinct = []
    for occurrence in pool:
        if occurrence.event_id not in seen_events:
            seen_events.add(occurrence.event_id)
            distinct.append(occurrence)
    chosen, rest = [], []
    seen_portals: set[int] = set()
    seen_titles: set[str] = set()
    for occurrence in distinct:
        title = occurrence.event.title.casefold()
        if occurrence.portal_id in seen_portals or title in seen_titles:
            rest.append(occurrence)
        else:
            seen_portals.add(occurrence.portal_id)
            seen_titles.add(title)
            chosen.append(occurrence)
    chosen = (chosen[:limit] + rest)[:limit]
    chosen.sort(key=lambda o: (o.start, o.pk))
    return [
        {
            "occurrence": occurrence,
            "portal": occurrence.portal,
            "url": f"{portal_root(occurrence.portal, request)}agenda/"
            f"{occurrence.event.slug}/",
        }
        for occurrence in chosen
    ]


def hub_map_markers() -> list[dict]:
    """Every listed portal with a position, for the hub's map (one query)."""
    rows = (
        listed_portals()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("name")
        .values("slug", "name", "town", "latitude", "longitude")
    )
    return [
        {
            "name": row["name"],
            "town": row["town"],
            "url": f"/{row['slug']}/",
            "lat": float(row["latitude"]),
            "lon": float(row["longitude"]),
        }
        for row in rows
        # Always true (the query filters on it); it tells the type checker.
        if row["latitude"] is not None and row["longitude"] is not None
    ]

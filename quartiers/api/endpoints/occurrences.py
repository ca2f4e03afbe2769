"""/occurrences: each date of the agenda's events within a window."""

from datetime import date, timedelta

from ninja import Query, Router

from quartiers.agenda import selectors as agenda_selectors
from quartiers.agenda.models import Occurrence
from quartiers.portals import exposing

from ..params import (
    MAX_LIMIT,
    MAX_PAGE,
    TEXT,
    Day,
    check_window,
    end_of,
    paginate,
    refuse_unknown,
    start_of,
)
from ..schemas import OccurrencePage
from .common import ERRORS, portal_of

router = Router(tags=["Événements"])
FILTERS = {"portal", "from", "to", "category", "page", "limit"}
DEFAULT_DAYS = 30


def occurrence_out(request, occurrence: Occurrence) -> dict:
    event = occurrence.event
    return {
        "event_id": event.pk,
        "portal": occurrence.portal.slug,
        "title": event.title,
        "url": request.build_absolute_uri(
            f"{occurrence.portal.get_absolute_url()}agenda/{event.slug}/"
        ),
        "start": occurrence.start,
        "end": occurrence.end,
        "category": event.category.name if event.category_id else "",
        "place": event.place_label(),
    }


@router.get(
    "/occurrences",
    response={200: OccurrencePage, **ERRORS},
    operation_id="list_occurrences",
    summary="Dates des événements",
    description=(
        "Chaque date d'un événement (les événements qui se répètent ont une date par"
        " occurrence) entre « from » et « to » (366 jours au plus ; par défaut les"
        " 30 jours qui suivent « from » ou aujourd'hui). Une période à l'envers ou"
        " trop longue répond 400."
    ),
)
def list_occurrences(
    request,
    portal: str | None = Query(None, **TEXT, description="slug du quartier"),
    date_from: Day | None = Query(
        None, alias="from", description="AAAA-MM-JJ (années 1900 à 2200)"
    ),
    date_to: Day | None = Query(
        None, alias="to", description="AAAA-MM-JJ (années 1900 à 2200)"
    ),
    category: str | None = Query(None, **TEXT),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    refuse_unknown(request, FILTERS)
    check_window(date_from, date_to)
    first = date_from or date.today()
    last = date_to or first + timedelta(days=DEFAULT_DAYS)
    check_window(first, last, bounded=True)
    chosen = portal_of(portal)
    public_ids = [pk for pk, _path in exposing.public_portals("agenda")]
    if chosen is None:
        queryset = agenda_selectors.occurrences_between(
            start_of(first), end_of(last), portal_ids=public_ids
        )
    elif chosen.pk in public_ids:
        # What the portal's agenda shows: with the events other portals
        # shared and this one accepted.
        queryset = agenda_selectors.upcoming(
            chosen, now=start_of(first), with_shared=True
        ).filter(start__lt=end_of(last))
    else:
        queryset = Occurrence.objects.none()
    if category is not None:
        queryset = queryset.filter(event__category__slug=category)
    return paginate(
        request,
        queryset,
        page=page,
        limit=limit,
        out=lambda row: occurrence_out(request, row),
    )

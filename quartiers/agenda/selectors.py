"""Reads of the agenda: scoped to a portal, constant in queries."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from wagtail.images import get_image_model

from quartiers.directory.models import LocalActor
from quartiers.portals import access
from quartiers.portals.models import Portal

from . import recurrence
from .models import Event, EventCategory, Occurrence

LIST_PAGE_SIZE = 30
ARCHIVE_PAGE_SIZE = 20
EVENT_NEXT_DATES = 8
MONTH_MAX_OCCURRENCES = 600
FEED_MAX_EVENTS = 500
FEED_PAST_DAYS = 90
PHOTO_SPEC = "width-960"


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def categories_of(portal: Portal) -> list[EventCategory]:
    return list(EventCategory.objects.filter(portal=portal))


def category_by_slug(categories: list[EventCategory], slug) -> EventCategory | None:
    return next((c for c in categories if c.slug == slug), None)


def _published_occurrences(portal_id: int) -> QuerySet[Occurrence]:
    return (
        Occurrence.objects.filter(portal_id=portal_id, event__status=Event.PUBLISHED)
        .select_related("event", "event__category", "event__place_actor")
        .order_by("start", "pk")
    )


def occurrences_between(
    first: datetime, end: datetime, *, portal_ids
) -> QuerySet[Occurrence]:
    """Published occurrences of those portals touching [first, end), soonest
    first (the public API's date window)."""
    return (
        Occurrence.objects.filter(
            portal_id__in=portal_ids,
            event__status=Event.PUBLISHED,
            start__lt=end,
            ends_at__gte=first,
        )
        .select_related("event", "event__category", "event__place_actor", "portal")
        .order_by("start", "pk")
    )


def upcoming(
    portal: Portal,
    *,
    category: EventCategory | None = None,
    now: datetime | None = None,
    with_shared: bool = False,
) -> QuerySet[Occurrence]:
    """Published occurrences not over yet, soonest first (ongoing ones included).

    ``with_shared`` adds the events other portals shared and this one
    accepted: references to the originals (their ``portal`` is the origin).
    """
    if with_shared:
        from quartiers.network import selectors as network_selectors

        # The few accepted events first (one query): an OR with a subquery
        # on other tables keeps PostgreSQL from using the portal's index.
        accepted = list(
            network_selectors.accepted_event_ids([portal.pk]).values_list(
                "share__event_id", flat=True
            )
        )
        queryset = (
            Occurrence.objects.filter(
                Q(portal_id=portal.pk) | Q(event_id__in=accepted),
                event__status=Event.PUBLISHED,
            )
            .select_related(
                "event", "event__category", "event__place_actor", "portal__home_page"
            )
            .order_by("start", "pk")
        )
    else:
        queryset = _published_occurrences(portal.pk)
    queryset = queryset.filter(ends_at__gte=_now(now))
    if category is not None:
        queryset = queryset.filter(event__category=category)
    return queryset


@dataclass
class Day:
    day: date
    occurrences: list[Occurrence]


def group_by_day(occurrences) -> list[Day]:
    """Consecutive occurrences gathered under their local day."""
    days: list[Day] = []
    for occurrence in occurrences:
        day = timezone.localtime(occurrence.start).date()
        if not days or days[-1].day != day:
            days.append(Day(day, []))
        days[-1].occurrences.append(occurrence)
    return days


def upcoming_page(
    *,
    portal: Portal,
    category: EventCategory | None,
    page_number,
    now: datetime | None = None,
) -> PaginatorPage:
    queryset = upcoming(portal, category=category, now=now, with_shared=True)
    return Paginator(queryset, LIST_PAGE_SIZE).get_page(page_number)


def next_occurrences(portal: Portal, *, limit: int = 4) -> list[Occurrence]:
    return list(upcoming(portal)[:limit])


def network_upcoming(
    *, limit: int = 8, now: datetime | None = None
) -> list[Occurrence]:
    """The next published dates of every portal listed on the hub whose
    agenda is on, for the network hub (two queries, whatever the number of
    portals). A portal not opened yet shows none."""
    from quartiers.portals.selectors import listed_portals

    portal_ids = [
        pk
        for pk, sections in listed_portals().values_list("pk", "enabled_sections")
        if "agenda" in (sections or [])
    ]
    return list(
        Occurrence.objects.filter(
            portal_id__in=portal_ids,
            event__status=Event.PUBLISHED,
            ends_at__gte=_now(now),
        )
        .select_related(
            "event", "event__category", "event__place_actor", "portal__home_page"
        )
        .order_by("start", "pk")[:limit]
    )


def upcoming_for_actor(actor: LocalActor, limit: int = 5) -> list[Occurrence]:
    """The next published dates of events at or by a local actor (one query).

    For the directory page of the actor.
    """
    queryset = _published_occurrences(actor.portal_id).filter(
        Q(event__place_actor=actor) | Q(event__organiser_actor=actor),
        ends_at__gte=timezone.now(),
    )
    return list(queryset[:limit])


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    midnight = datetime(2000, 1, 1)
    return (
        recurrence.at_local_time(first, midnight),
        recurrence.at_local_time(following, midnight),
    )


def month_grid(*, portal: Portal, year: int, month: int) -> list[list[dict]]:
    """Weeks (Monday first) of days, each with its published occurrences."""
    begins, ends = month_bounds(year, month)
    occurrences = list(
        _published_occurrences(portal.pk).filter(start__gte=begins, start__lt=ends)[
            :MONTH_MAX_OCCURRENCES
        ]
    )
    by_day: dict[date, list[Occurrence]] = {}
    for occurrence in occurrences:
        by_day.setdefault(timezone.localtime(occurrence.start).date(), []).append(
            occurrence
        )
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [
            {
                "day": day,
                "in_month": day.month == month,
                "occurrences": by_day.get(day, []),
            }
            for day in week
        ]
        for week in weeks
    ]


def archives_page(
    *, portal: Portal, page_number, now: datetime | None = None
) -> PaginatorPage:
    """Published events whose last date is over, most recent first."""
    queryset = (
        Event.objects.filter(
            portal=portal, status=Event.PUBLISHED, finishes_at__lt=_now(now)
        )
        .select_related("category", "place_actor")
        .order_by("-start", "-pk")
    )
    return Paginator(queryset, ARCHIVE_PAGE_SIZE).get_page(page_number)


def _with_details(queryset: QuerySet[Event]) -> QuerySet[Event]:
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=PHOTO_SPEC)
    )
    return queryset.select_related(
        "category", "place_actor", "organiser_actor", "organiser_user", "photo"
    ).prefetch_related(Prefetch("photo__renditions", queryset=renditions))


def event_for_viewer(*, portal: Portal, slug: str, user) -> Event:
    """A published event, or a pending one for its author and the animators.

    Another portal's event, a refused one or a missing one: the same 404.
    """
    event = _with_details(Event.objects.filter(portal=portal, slug=slug)).first()
    if event is None or event.status == Event.REFUSED:
        raise Http404
    if event.status == Event.PENDING and not (
        user.is_authenticated
        and (event.created_by_id == user.pk or access.can_animate(user, portal))
    ):
        raise Http404
    return event


def next_dates(event: Event, *, now: datetime | None = None) -> list[Occurrence]:
    return list(
        Occurrence.objects.filter(event=event, ends_at__gte=_now(now)).order_by(
            "start"
        )[:EVENT_NEXT_DATES]
    )


def feed_events(
    *,
    portal: Portal,
    category_slug: str | None = None,
    actor_slug: str | None = None,
    now: datetime | None = None,
) -> list[Event]:
    """Published events for a calendar subscription, recent and coming ones.

    An unknown category or actor gives an empty calendar, not an error: the
    subscription keeps working if the animator renames something.
    """
    queryset = Event.objects.filter(
        portal=portal,
        status=Event.PUBLISHED,
        finishes_at__gte=_now(now) - timedelta(days=FEED_PAST_DAYS),
    )
    if category_slug:
        queryset = queryset.filter(category__slug=category_slug)
    if actor_slug:
        queryset = queryset.filter(
            Q(place_actor__slug=actor_slug, place_actor__portal=portal)
            | Q(organiser_actor__slug=actor_slug, organiser_actor__portal=portal)
        )
    return list(
        queryset.select_related("category", "place_actor", "organiser_actor").order_by(
            "start", "pk"
        )[:FEED_MAX_EVENTS]
    )


def unknown_filter(
    portal: Portal, *, category_slug: str | None, actor_slug: str | None
) -> str:
    """Which filter of a calendar address names nothing of this portal:
    "categorie", "acteur" or "" (at most two queries)."""
    if (
        category_slug
        and not EventCategory.objects.filter(portal=portal, slug=category_slug).exists()
    ):
        return "categorie"
    if (
        actor_slug
        and not LocalActor.objects.filter(portal=portal, slug=actor_slug).exists()
    ):
        return "acteur"
    return ""


def events_created_by(user) -> QuerySet[Event]:
    return Event.objects.filter(created_by=user).select_related("portal", "category")


# "Mes contributions" (accounts.contributions) ---------------------------------

_EVENT_STATES = {
    Event.PENDING: "pending",
    Event.PUBLISHED: "published",
    Event.REFUSED: "refused",
}


def contributions_count(portal: Portal, user) -> int:
    return Event.objects.filter(portal=portal, created_by=user).count()


def contributions_of(portal: Portal, user, limit: int) -> list:
    """The events the person proposed on this portal, newest first."""
    from django.utils.translation import gettext as _

    from quartiers.accounts.contributions import Contribution

    root = portal.get_absolute_url()
    events = Event.objects.filter(portal=portal, created_by=user).order_by(
        "-updated_at", "-pk"
    )
    return [
        Contribution(
            kind="event",
            kind_label=_("Événement"),
            title=event.title,
            state=_EVENT_STATES.get(event.status, event.status),
            updated_at=event.updated_at,
            message=event.moderation_note,
            url=(
                f"{root}agenda/{event.slug}/"
                if event.slug and event.status != Event.REFUSED
                else ""
            ),
        )
        for event in events[:limit]
    ]

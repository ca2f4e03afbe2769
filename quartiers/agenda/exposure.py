"""What the agenda exposes to feeds, the API, search and widgets: events."""

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartiers.portals.exposing import (
    IMAGE_SPEC,
    publishable,
    scope_by_portal,
    summary_of,
    with_image,
)
from quartiers.portals.features import ContentKind, ExposedItem, SectionRoute, registry

from .models import Event, Occurrence

SECTION = "agenda"


def published(portal):
    """Published events that are not over yet (ongoing ones included).

    Each row carries its next date (``next_start``, ``next_end``): a weekly
    workshop is shown at its coming session, not at its first one.
    """
    now = timezone.now()
    coming = Occurrence.objects.filter(event=OuterRef("pk"), ends_at__gte=now).order_by(
        "start", "pk"
    )
    queryset = Event.objects.filter(status=Event.PUBLISHED).filter(
        Q(finishes_at__gte=now) | Q(finishes_at__isnull=True)
    )
    return (
        with_image(scope_by_portal(queryset, portal, SECTION), "photo", IMAGE_SPEC)
        .select_related("portal", "category", "place_actor", "organiser_actor")
        .annotate(
            next_start=Subquery(coming.values("start")[:1]),
            next_end=Subquery(coming.values("end")[:1]),
        )
        .order_by("-start", "-pk")
    )


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def to_item(event: Event) -> ExposedItem:
    photo = publishable(event.photo)
    start = getattr(event, "next_start", None) or event.start
    end = (
        getattr(event, "next_end", None)
        if getattr(event, "next_start", None)
        else event.end
    )
    return ExposedItem(
        kind="event",
        id=event.pk,
        portal=event.portal,
        title=event.title,
        url=f"{event.portal.get_absolute_url()}agenda/{event.slug}/",
        summary=summary_of(event.description),
        body_html=str(event.description_html()),
        image=photo,
        published_at=event.created_at,
        updated_at=event.updated_at,
        author=event.organiser_actor.name if event.organiser_actor_id else "",
        category=event.category.name if event.category_id else "",
        extra={
            "start": _iso(start),
            "end": _iso(end),
            "first_start": _iso(event.start),
            "all_day": event.all_day,
            "repeats": event.repeats,
            "place": event.place_label(),
            "address": event.address_label(),
            "category": event.category.slug if event.category_id else "",
            "is_free": event.is_free,
            "price": event.price,
            "accessibility": event.accessibility,
            "ics_url": f"{event.portal.get_absolute_url()}agenda/{event.slug}.ics",
            "image_alt": (event.photo_alt or photo.default_alt_text) if photo else "",
        },
    )


EVENT = ContentKind(
    key="event",
    label=_("Événement"),
    label_plural=_("Événements"),
    model="agenda.Event",
    section_key=SECTION,
    published=published,
    to_item=to_item,
    date_field="start",
    order=40,
    category_lookup="category__slug",
)


def register() -> None:
    from . import feeds

    registry.register_content_kind(EVENT)
    registry.register_route(
        SectionRoute("agenda", "<feed:fmt>.xml/", feeds.events_feed, "agenda_feed")
    )

"""Reads of the letter app, scoped to a portal.

Content reaches this surface only through the feature registry and the one
visibility rule (``portals.visibility.visible``): a letter shows exactly
what the portal's public pages show.
"""

from datetime import datetime

from django.apps import apps
from django.db.models import QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime

from quartiers.portals.features import ExposedItem, registry
from quartiers.portals.models import Portal
from quartiers.portals.selectors import in_subtree
from quartiers.portals.visibility import section_shown, visible

from .models import Attendance, EventOptions, Follow, Letter, Notification, Subscriber

# Kinds that are not news of the week (the directory's standing entries).
NOT_NEWS = {"actor", "practical", "event"}
EVENT_KIND = "event"
NEWS_PER_KIND = 4
NEWS_MAX = 10
AGENDA_MAX = 8
NOTIFICATIONS_SHOWN = 50


# --- Follow targets --------------------------------------------------------


def follow_label(portal: Portal, target: str, key: str) -> str | None:
    """What a follow of ``target``/``key`` names in this portal, or None when
    the target is not public there (another portal's, hidden, unknown)."""
    if target == Follow.PORTAL:
        return portal.name if key == "" else None
    if target == Follow.SECTION:
        section = registry.section(key)
        if section is None or not section_shown(portal, key):
            return None
        return f"{section.title} — {portal.name}"
    if not key.isdigit() or len(key) > 12:
        return None
    if target == Follow.ACTOR:
        row = visible(portal, "actor").filter(pk=int(key)).first()
        return row.name if row is not None else None
    if target == Follow.EVENT:
        row = visible(portal, EVENT_KIND).filter(pk=int(key)).first()
        return row.title if row is not None else None
    if target == Follow.SHOW:
        home = portal.home_page if portal.home_page_id else None
        if home is None or not section_shown(portal, "radio"):
            return None
        show_model = apps.get_model("radio", "ShowPage")
        show = (
            show_model.objects.live()
            .filter(pk=int(key))
            .filter(in_subtree(home.path))
            .first()
        )
        return show.title if show is not None else None
    return None


def follow_choices(portal: Portal, target: str = "", key: str = "") -> list:
    """What the follow form offers: the letter of the portal, each section it
    shows, and the one thing the visitor came from (an event, an actor, a
    show), as ("target:key", label) pairs."""
    from django.utils.translation import gettext as _

    choices = [
        (f"{Follow.PORTAL}:", _("La lettre du quartier, chaque semaine")),
    ]
    for section in registry.sections():
        if section_shown(portal, section.key) and section.key != "participer":
            choices.append(
                (
                    f"{Follow.SECTION}:{section.key}",
                    _("Les nouveautés de la rubrique « %(title)s »")
                    % {"title": section.title},
                )
            )
    if target in (Follow.ACTOR, Follow.SHOW, Follow.EVENT):
        label = follow_label(portal, target, key)
        if label is not None:
            choices.insert(0, (f"{target}:{key}", label))
    return choices


def parse_choice(value: str) -> tuple[str, str]:
    target, _sep, key = value.partition(":")
    return target, key


def follows_of(subscriber: Subscriber) -> QuerySet[Follow]:
    return subscriber.follows.select_related("portal").order_by("portal__name", "pk")


def follower_ids(portal: Portal, targets: list[tuple[str, str]]) -> list[int]:
    """Ids of the confirmed subscribers following any of ``targets`` here."""
    if not targets:
        return []
    from django.db.models import Q

    query = Q()
    for target, key in targets:
        query |= Q(target=target, key=key)
    return list(
        Follow.objects.filter(query, portal=portal, confirmed_at__isnull=False)
        .exclude(subscriber__frequency=Subscriber.NEVER)
        .values_list("subscriber_id", flat=True)
        .distinct()
    )


# --- Notifications ---------------------------------------------------------


def notifications_of(subscriber: Subscriber) -> list[Notification]:
    return list(subscriber.notifications.select_related("portal")[:NOTIFICATIONS_SHOWN])


def unread_count(subscriber: Subscriber) -> int:
    return subscriber.notifications.filter(read_at__isnull=True).count()


# --- Attendance ------------------------------------------------------------


def attendees(event) -> list[Attendance]:
    return list(
        Attendance.objects.filter(event=event)
        .exclude(status=Attendance.CANCELLED)
        .order_by("status", "created_at", "pk")
    )


def event_options(event) -> EventOptions:
    """The event's registration settings (unsaved defaults when none)."""
    return EventOptions.objects.filter(event=event).first() or EventOptions(event=event)


def confirmed_count(event) -> int:
    return Attendance.objects.filter(event=event, status=Attendance.CONFIRMED).count()


# --- The letter's content --------------------------------------------------


def _when(value) -> str:
    if isinstance(value, str):
        value = parse_datetime(value)
    if not isinstance(value, datetime):
        return ""
    value = timezone.localtime(value)
    return formats.date_format(value, "l j F, H\\hi").capitalize()


def _item(exposed: ExposedItem, group: str, label) -> dict:
    return {
        "kind": exposed.kind,
        "id": exposed.id,
        "group": group,
        "label": str(label),
        "title": exposed.title,
        "url": exposed.url,
        "summary": exposed.summary,
        "when": _when(exposed.extra.get("start")) if group == "agenda" else "",
        "where": str(exposed.extra.get("place") or ""),
    }


def week_news(portal: Portal, since: datetime, until: datetime) -> list[dict]:
    """What the portal published between ``since`` and ``until``, newest
    first, a few of each kind."""
    items: list[dict] = []
    for kind in registry.content_kinds():
        if kind.key in NOT_NEWS:
            continue
        rows = (
            visible(portal, kind)
            .filter(**{f"{kind.date_field}__gte": since})
            .filter(**{f"{kind.date_field}__lt": until})
            .order_by(f"-{kind.date_field}")[:NEWS_PER_KIND]
        )
        items.extend(_item(kind.to_item(row), "news", kind.label) for row in rows)
    return items[:NEWS_MAX]


def coming_events(portal: Portal, start: datetime, end: datetime) -> list[dict]:
    """The agenda's public events whose next date falls between the two."""
    kind = registry.content_kind(EVENT_KIND)
    if kind is None:
        return []
    rows = (
        visible(portal, kind)
        .filter(next_start__gte=start, next_start__lt=end)
        .order_by("next_start", "pk")[:AGENDA_MAX]
    )
    return [_item(kind.to_item(row), "agenda", kind.label) for row in rows]


def letters_of(portal: Portal) -> QuerySet[Letter]:
    """The portal's sent letters, newest first (its public archive)."""
    return Letter.objects.filter(
        portal=portal, status__in=[Letter.SENDING, Letter.SENT]
    ).order_by("-number")


def public_letter(portal: Portal, number: int) -> Letter:
    letter = letters_of(portal).filter(number=number).first()
    if letter is None:
        raise Http404
    return letter


def shown_items(letter: Letter) -> list[dict]:
    """The letter's items the public may still see.

    What moderation hid or an author withdrew since the letter went drops out
    of its archived copy; an event stays while it is published, even once
    past (the letter announced it).
    """
    by_kind: dict[str, set[int]] = {}
    for item in letter.items:
        by_kind.setdefault(item.get("kind", ""), set()).add(int(item.get("id", 0)))
    keep: dict[str, set[int]] = {}
    for key, ids in by_kind.items():
        kind = registry.content_kind(key)
        if kind is None:
            continue
        found = set(
            visible(letter.portal, kind).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if key == EVENT_KIND and section_shown(letter.portal, kind.section_key):
            model = apps.get_model(kind.model)
            found |= set(
                model.objects.filter(
                    portal=letter.portal, pk__in=ids, status="published"
                ).values_list("pk", flat=True)
            )
        keep[key] = found
    return [
        item
        for item in letter.items
        if int(item.get("id", 0)) in keep.get(item.get("kind", ""), set())
    ]


def public_event(portal: Portal, slug: str):
    """The portal's published event of this address, or None (one query)."""
    from quartiers.agenda.models import Event

    return (
        Event.objects.filter(portal=portal, slug=slug, status=Event.PUBLISHED)
        .select_related("portal")
        .first()
    )


def event_of_portal(portal: Portal, slug: str):
    """The portal's event of this address whatever its state, or None; who
    may see its attendees is checked by the caller."""
    from quartiers.agenda.models import Event

    return Event.objects.filter(portal=portal, slug=slug).first()

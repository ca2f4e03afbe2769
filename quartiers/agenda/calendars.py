"""iCalendar files: one event, or a portal's agenda to subscribe to.

Repeating events are written as one VEVENT with an RRULE (weekly, monthly by
weekday position); dates chosen by hand are written as one VEVENT each (their
own UID), since many apps (node-ical and those built on it) ignore RDATE.
DTSTART is in Europe/Paris with
the VTIMEZONE that describes it, so calendar apps keep 18:00 at 18:00 across
the daylight-saving changes. All-day events use DATE values.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from . import recurrence
from .models import Event

PRODID = "-//Avis de Quartiers//Agenda//FR"
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
CONTENT_TYPE = "text/calendar; charset=utf-8"
REFRESH = timedelta(hours=6)


def uid_of(event: Event) -> str:
    """Stable across edits, renames and moves of the portal to its own domain."""
    return f"{event.uid}@avis-de-quartiers"


def _local(value: datetime) -> datetime:
    return value.astimezone(recurrence.PARIS)


def _rrule(event: Event, local_start: datetime) -> dict | None:
    if event.recurrence not in (recurrence.WEEKLY, recurrence.MONTHLY):
        return None
    if event.recurrence_until is None:
        return None
    if event.all_day:
        until: date | datetime = event.recurrence_until
    else:
        # UNTIL must be in UTC when DTSTART has a TZID (RFC 5545, 3.3.10).
        until = recurrence.at_local_time(
            event.recurrence_until, local_start
        ).astimezone(UTC)
    rule: dict = {"freq": event.recurrence, "until": until}
    if event.recurrence == recurrence.MONTHLY:
        position = recurrence.monthly_position(local_start.date())
        rule["byday"] = f"{position}{WEEKDAYS[local_start.weekday()]}"
    return rule


def _location(event: Event) -> str:
    return ", ".join(p for p in (event.place_label(), event.address_label()) if p)


def _description(event: Event) -> str:
    parts = [event.description]
    if event.is_free:
        parts.append(_("Gratuit."))
    elif event.price:
        parts.append(_("Tarif : %(price)s") % {"price": event.price})
    if event.accessibility:
        parts.append(_("Accessibilité : %(text)s") % {"text": event.accessibility})
    if event.organiser_actor_id:
        parts.append(_("Organisé par %(name)s") % {"name": event.organiser_actor.name})
    return "\n\n".join(p for p in parts if p)


def date_uid_of(event: Event, day: date) -> str:
    """The UID of one date added by hand (stable: the event and the day)."""
    return f"{event.uid}-{day:%Y%m%d}@avis-de-quartiers"


def _extra_day_vevent(event: Event, day: date, *, url: str) -> VEvent:
    """One more date of an event, as an event of its own."""
    item = vevent(event, url=url, with_extra_days=False)
    local_start = _local(event.start)
    del item["uid"], item["dtstart"]
    item.add("uid", date_uid_of(event, day))
    if "dtend" in item:
        del item["dtend"]
    if event.all_day:
        item.add("dtstart", day)
        length = (
            (_local(event.end).date() - local_start.date())
            if event.end
            else timedelta()
        )
        item.add("dtend", day + length + timedelta(days=1))
    else:
        start = recurrence.at_local_time(day, local_start)
        item.add("dtstart", start)
        if event.end is not None:
            item.add("dtend", start + (event.end - event.start))
    return item


def vevents(event: Event, *, url: str) -> list[VEvent]:
    """The VEVENTs of an event: one, plus one per date added by hand."""
    items = [vevent(event, url=url)]
    if event.recurrence == recurrence.DATES:
        first = _local(event.start).date()
        for day in sorted(set(event.extra_days())):
            if day != first:
                items.append(_extra_day_vevent(event, day, url=url))
    return items


def vevent(event: Event, *, url: str, with_extra_days: bool = False) -> VEvent:
    item = VEvent()
    item.add("uid", uid_of(event))
    item.add("dtstamp", event.updated_at.astimezone(UTC))
    item.add("last-modified", event.updated_at.astimezone(UTC))
    item.add("created", event.created_at.astimezone(UTC))
    item.add("summary", event.title)
    local_start = _local(event.start)
    if event.all_day:
        item.add("dtstart", local_start.date())
        last_day = _local(event.end).date() if event.end else local_start.date()
        item.add("dtend", last_day + timedelta(days=1))  # DTEND is exclusive
    else:
        item.add("dtstart", local_start)
        if event.end is not None:
            item.add("dtend", _local(event.end))
    rule = _rrule(event, local_start)
    if rule:
        item.add("rrule", rule)
    if with_extra_days and event.recurrence == recurrence.DATES:
        extra = [day for day in event.extra_days() if day != local_start.date()]
        if extra:
            item.add(
                "rdate",
                extra
                if event.all_day
                else [recurrence.at_local_time(day, local_start) for day in extra],
            )
    description = _description(event)
    if description:
        item.add("description", description)
    location = _location(event)
    if location:
        item.add("location", location)
    actor = event.place_actor if event.place_actor_id else None
    if actor is not None and actor.latitude is not None:
        item.add("geo", (float(actor.latitude), float(actor.longitude)))
    if event.category_id:
        item.add("categories", [event.category.name])
    item.add("status", "CONFIRMED")
    item.add("url", url)
    return item


def calendar_of(
    events: Iterable[Event], *, name: str, url_for: Callable[[Event], str]
) -> bytes:
    """A whole VCALENDAR as bytes (CRLF line endings, folded lines)."""
    events = list(events)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    # How often subscribed apps should read the calendar again.
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    for event in events:
        for item in vevents(event, url=url_for(event)):
            cal.add_component(item)
    if any(not event.all_day for event in events):
        first = min(_local(e.start).date() for e in events)
        last = max(
            [e.recurrence_until or _local(e.start).date() for e in events]
            + [day for e in events for day in e.extra_days()]
        )
        cal.add_missing_timezones(
            first_date=first - timedelta(days=366),
            last_date=last + timedelta(days=366),
        )
    return cal.to_ical()


def filename_for(text: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(text) or 'agenda'}.ics"

"""iCalendar files, parsed back with icalendar and expanded with dateutil."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from quartiers.agenda import recurrence

from .conftest import paris, soon

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.agenda.tests.urls")]
UTC = ZoneInfo("UTC")


def _calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in response.content
    return Calendar.from_ical(response.content)


def _expand(vevent) -> list:
    """Every start of a VEVENT (RRULE with dateutil, plus RDATEs)."""
    start = vevent.decoded("dtstart")
    starts = [start]
    if "rrule" in vevent:
        rule = vevent["rrule"].to_ical().decode()
        starts = list(rrulestr(rule, dtstart=start))
    for rdates in (
        vevent.get("rdate", [])
        if isinstance(vevent.get("rdate"), list)
        else [vevent.get("rdate")]
        if vevent.get("rdate")
        else []
    ):
        starts += [item.dt for item in rdates.dts]
    return sorted(starts)


def test_weekly_event_keeps_18h_local_across_the_october_change(
    client, portal_a, make_event
):
    event = make_event(
        portal_a,
        "Permanence numérique",
        start=paris(2026, 10, 15, 18, 0),
        end=paris(2026, 10, 15, 20, 0),
        recurrence=recurrence.WEEKLY,
        recurrence_until=date(2026, 11, 12),
    )
    cal = _calendar(client, f"/alpha/agenda/{event.slug}.ics")
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    (vevent,) = cal.walk("VEVENT")
    assert vevent["dtstart"].params["TZID"] == "Europe/Paris"
    assert "RRULE:FREQ=WEEKLY;UNTIL=20261112T170000Z" in vevent.to_ical().decode()
    starts = _expand(vevent)
    assert len(starts) == 5
    assert {(s.hour, s.minute) for s in starts} == {(18, 0)}
    assert [s.utcoffset() for s in starts] == [timedelta(hours=2)] * 2 + [
        timedelta(hours=1)
    ] * 3
    assert [s.astimezone(UTC).hour for s in starts] == [16, 16, 17, 17, 17]
    assert vevent["uid"] == f"{event.uid}@avis-de-quartiers"
    assert vevent["url"] == f"http://testserver/alpha/agenda/{event.slug}/"
    assert "dtstamp" in vevent


def test_monthly_event_has_a_byday_rule(client, portal_a, make_event):
    event = make_event(
        portal_a,
        "Collecte solidaire",
        start=paris(2027, 1, 9, 10, 0),
        recurrence=recurrence.MONTHLY,
        recurrence_until=date(2027, 4, 30),
    )
    (vevent,) = _calendar(client, f"/alpha/agenda/{event.slug}.ics").walk("VEVENT")
    assert vevent["rrule"]["BYDAY"] == ["2SA"]
    assert [s.date() for s in _expand(vevent)] == [
        date(2027, 1, 9),
        date(2027, 2, 13),
        date(2027, 3, 13),
        date(2027, 4, 10),
    ]


def test_chosen_dates_are_rdates_with_the_time_zone(client, portal_a, make_event):
    event = make_event(
        portal_a,
        "Aide aux devoirs",
        start=paris(2027, 3, 20, 17, 0),
        recurrence=recurrence.DATES,
        extra_dates=[date(2027, 3, 27), date(2027, 4, 3)],
    )
    (vevent,) = _calendar(client, f"/alpha/agenda/{event.slug}.ics").walk("VEVENT")
    assert "RDATE;TZID=Europe/Paris:20270327T170000,20270403T170000" in (
        vevent.to_ical().decode()
    )
    starts = _expand(vevent)
    assert [(s.date(), s.hour) for s in starts] == [
        (date(2027, 3, 20), 17),
        (date(2027, 3, 27), 17),
        (date(2027, 4, 3), 17),
    ]


def test_all_day_events_use_date_values(client, portal_a, make_event):
    event = make_event(
        portal_a,
        "Vide-greniers",
        start=paris(2027, 5, 1),
        end=paris(2027, 5, 2),
        all_day=True,
    )
    (vevent,) = _calendar(client, f"/alpha/agenda/{event.slug}.ics").walk("VEVENT")
    assert vevent.decoded("dtstart") == date(2027, 5, 1)
    assert vevent.decoded("dtend") == date(2027, 5, 3)  # exclusive end
    assert "DTSTART;VALUE=DATE:20270501" in vevent.to_ical().decode()


def test_subscription_lists_the_portals_published_events_with_filters(
    client, portal_a, portal_b, make_event, actor_a, resident_a
):
    make_event(
        portal_a, "Fête", category="fete", place_actor_id=actor_a.pk, place_name=""
    )
    make_event(portal_a, "Match", category="sport")
    make_event(portal_b, "Chez Bêta")
    make_event(portal_a, "En attente", actor=resident_a)
    summaries = lambda cal: sorted(str(e["summary"]) for e in cal.walk("VEVENT"))  # noqa: E731
    assert summaries(_calendar(client, "/alpha/agenda.ics")) == ["Fête", "Match"]
    assert summaries(_calendar(client, "/alpha/agenda.ics?categorie=sport")) == [
        "Match"
    ]
    by_actor = _calendar(client, "/alpha/agenda.ics?acteur=maison-de-quartier")
    assert summaries(by_actor) == ["Fête"]
    (vevent,) = by_actor.walk("VEVENT")
    assert "Maison de quartier Alpha" in str(vevent["location"])
    assert vevent["categories"].cats == ["Fête et convivialité"]
    assert summaries(_calendar(client, "/alpha/agenda.ics?categorie=inconnue")) == []
    assert summaries(_calendar(client, "/beta/agenda.ics")) == ["Chez Bêta"]


def test_uids_are_stable_between_downloads(client, portal_a, make_event):
    make_event(portal_a, "Fête", start=soon(5))
    first = _calendar(client, "/alpha/agenda.ics").walk("VEVENT")[0]["uid"]
    second = _calendar(client, "/alpha/agenda.ics").walk("VEVENT")[0]["uid"]
    assert first == second


def test_another_portals_or_pending_event_file_is_missing(
    client, portal_a, portal_b, make_event, resident_a
):
    other = make_event(portal_b, "Chez Bêta")
    pending = make_event(portal_a, "En attente", actor=resident_a)
    assert client.get(f"/alpha/agenda/{other.slug}.ics").status_code == 404
    assert client.get("/alpha/agenda/n-existe-pas.ics").status_code == 404
    client.force_login(resident_a)
    assert client.get(f"/alpha/agenda/{pending.slug}.ics").status_code == 404

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


def _starts_ignoring_rdate(cal) -> list:
    """What an RDATE-blind app (node-ical and the apps built on it) shows:
    each VEVENT's DTSTART, expanded by its RRULE only."""
    starts = []
    for vevent in cal.walk("VEVENT"):
        start = vevent.decoded("dtstart")
        if "rrule" in vevent:
            rule = vevent["rrule"].to_ical().decode()
            starts += list(rrulestr(rule, dtstart=start))
        else:
            starts.append(start)
    return sorted(starts)


def test_chosen_dates_show_even_in_apps_that_ignore_rdate(client, portal_a, make_event):
    import recurring_ical_events

    event = make_event(
        portal_a,
        "Aide aux devoirs",
        start=paris(2027, 3, 20, 17, 0),
        end=paris(2027, 3, 20, 18, 30),
        recurrence=recurrence.DATES,
        extra_dates=[date(2027, 3, 27), date(2027, 4, 3)],
    )
    expected = [
        (date(2027, 3, 20), 17),
        (date(2027, 3, 27), 17),
        (date(2027, 4, 3), 17),
    ]
    for url in (f"/alpha/agenda/{event.slug}.ics", "/alpha/agenda.ics"):
        cal = _calendar(client, url)
        blind = _starts_ignoring_rdate(cal)
        assert [(s.date(), s.hour) for s in blind] == expected, url
        assert all(s.tzinfo is not None for s in blind)
        # A reader that does know RDATE sees each date once, not twice.
        found = recurring_ical_events.of(cal).between(
            date(2027, 1, 1), date(2027, 12, 31)
        )
        assert (
            sorted(
                (e.decoded("dtstart").date(), e.decoded("dtstart").hour) for e in found
            )
            == expected
        ), url
        for item in found:
            start, end = item.decoded("dtstart"), item.decoded("dtend")
            assert end - start == timedelta(minutes=90)
        uids = [str(v["uid"]) for v in cal.walk("VEVENT")]
        assert len(uids) == len(set(uids)) == 3


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
    for unknown in ("?categorie=inconnue", "?acteur=personne"):
        response = client.get(f"/alpha/agenda.ics{unknown}")
        assert response.status_code == 404, unknown
        assert "n'existe pas" in response.content.decode(), unknown
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


def test_subscribed_apps_know_how_often_to_read_again(client, portal_a, make_event):
    make_event(portal_a, "Fête", start=soon(5))
    text = client.get("/alpha/agenda.ics").content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in text
    assert "X-PUBLISHED-TTL:PT6H\r\n" in text

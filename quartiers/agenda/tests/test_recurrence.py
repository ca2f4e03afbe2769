"""Occurrence expansion: pure functions, local wall-clock time, bounded output."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from quartiers.agenda import recurrence

from .conftest import paris

UTC = ZoneInfo("UTC")


def test_weekly_18h_stays_18h_local_across_the_october_change():
    start = paris(2026, 10, 15, 18, 0)  # Thursday, summer time
    found = recurrence.expand(
        start,
        start + timedelta(hours=2),
        recurrence.WEEKLY,
        until=date(2026, 11, 12),
    )
    local = [o.start.astimezone(recurrence.PARIS) for o in found]
    assert [d.date().isoformat() for d in local] == [
        "2026-10-15",
        "2026-10-22",
        "2026-10-29",
        "2026-11-05",
        "2026-11-12",
    ]
    assert {(d.hour, d.minute) for d in local} == {(18, 0)}
    utc_hours = [o.start.astimezone(UTC).hour for o in found]
    assert utc_hours == [16, 16, 17, 17, 17]  # UTC moves, local does not
    assert all(o.end.astimezone(recurrence.PARIS).hour == 20 for o in found)


def test_weekly_across_the_march_change_too():
    start = paris(2027, 3, 21, 10, 30)
    found = recurrence.expand(start, None, recurrence.WEEKLY, until=date(2027, 4, 4))
    assert [o.start.astimezone(recurrence.PARIS).hour for o in found] == [10] * 3
    assert [o.start.utcoffset() for o in found] == [
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=2),
    ]


def test_monthly_keeps_the_weekday_position():
    # The 2nd Saturday of January 2027 is the 9th.
    days = recurrence.occurrence_dates(
        date(2027, 1, 9), recurrence.MONTHLY, until=date(2027, 5, 31)
    )
    assert days == [
        date(2027, 1, 9),
        date(2027, 2, 13),
        date(2027, 3, 13),
        date(2027, 4, 10),
        date(2027, 5, 8),
    ]
    assert all(d.weekday() == 5 for d in days)


def test_monthly_on_a_fifth_weekday_means_the_last_one():
    # Saturday 30 January 2027 is the fifth Saturday: then the last Saturday.
    assert recurrence.monthly_position(date(2027, 1, 30)) == -1
    days = recurrence.occurrence_dates(
        date(2027, 1, 30), recurrence.MONTHLY, until=date(2027, 4, 30)
    )
    assert days == [
        date(2027, 1, 30),
        date(2027, 2, 27),
        date(2027, 3, 27),
        date(2027, 4, 24),
    ]


def test_chosen_dates_are_sorted_and_deduplicated():
    days = recurrence.occurrence_dates(
        date(2027, 1, 5),
        recurrence.DATES,
        extra_dates=[date(2027, 2, 1), date(2027, 1, 10), date(2027, 2, 1)],
    )
    assert days == [date(2027, 1, 5), date(2027, 1, 10), date(2027, 2, 1)]


def test_output_is_bounded_whatever_the_input():
    many = [date(2027, 1, 1) + timedelta(days=n) for n in range(5000)]
    assert (
        len(
            recurrence.occurrence_dates(
                date(2027, 1, 1), recurrence.DATES, extra_dates=many
            )
        )
        == recurrence.MAX_OCCURRENCES
    )
    assert (
        len(
            recurrence.occurrence_dates(
                date(2027, 1, 1), recurrence.WEEKLY, until=date(2099, 1, 1)
            )
        )
        == recurrence.MAX_OCCURRENCES
    )


@pytest.mark.parametrize(
    "rule, until, extra, field, words",
    [
        (recurrence.WEEKLY, None, [], "recurrence_until", "jusqu'à quand"),
        (recurrence.MONTHLY, date(2026, 12, 1), [], "recurrence_until", "avant"),
        (recurrence.WEEKLY, date(2030, 1, 1), [], "recurrence_until", "deux ans"),
        (recurrence.DATES, None, [], "extra_dates", "au moins une"),
        (recurrence.DATES, None, [date(2026, 1, 1)], "extra_dates", "ne va pas"),
        ("yearly", None, [], "recurrence", "liste"),
    ],
)
def test_refused_rules_explain_why(rule, until, extra, field, words):
    with pytest.raises(recurrence.RecurrenceError) as caught:
        recurrence.check(date(2027, 1, 9), rule, until=until, extra_dates=extra)
    assert caught.value.field == field
    assert words in caught.value.message


def test_more_than_400_dates_are_refused():
    many = [date(2027, 1, 2) + timedelta(days=n) for n in range(400)]
    with pytest.raises(recurrence.RecurrenceError) as caught:
        recurrence.check(date(2027, 1, 1), recurrence.DATES, extra_dates=many)
    assert "400" in caught.value.message
    recurrence.check(date(2027, 1, 1), recurrence.DATES, extra_dates=many[:399])


def test_two_years_is_the_longest_repetition():
    recurrence.check(date(2027, 1, 9), recurrence.WEEKLY, until=date(2029, 1, 9))
    assert recurrence.latest_until(date(2028, 2, 29)) == date(2030, 2, 28)


def test_typed_dates_are_read_the_french_way():
    assert recurrence.parse_dates("14/07/2027\n2027-08-01, 15/08/27") == [
        date(2027, 7, 14),
        date(2027, 8, 1),
        date(2027, 8, 15),
    ]
    with pytest.raises(recurrence.RecurrenceError) as caught:
        recurrence.parse_dates("14/07/2027\nle 3 août")
    assert "le 3 août" in caught.value.message


def test_a_time_lost_in_the_spring_change_lands_after_it():
    moved = recurrence.at_local_time(date(2027, 3, 28), paris(2027, 1, 1, 2, 30))
    assert (moved.hour, moved.minute) == (3, 30)

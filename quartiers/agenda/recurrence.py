"""When an event happens: pure functions over dates, with a bounded output.

Occurrences are built as local wall-clock times in Europe/Paris, then given
their time zone: a weekly 18:00 event stays at 18:00 for the people of the
neighbourhood across the daylight-saving changes (its UTC time moves).

Rules:
- ``weekly``: every week on the start's weekday, until ``until`` (included);
- ``monthly``: the same weekday position each month ("le 2e samedi du
  mois"), which is how neighbourhood life is organised. A start on the fifth
  such weekday means "the last one of the month", since not every month has a
  fifth;
- ``dates``: the start plus a list of chosen dates, at the same time of day.

Weekly and monthly need an end date, at most two years after the start; no
event ever has more than ``MAX_OCCURRENCES`` occurrences.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
MAX_OCCURRENCES = 400
MAX_YEARS = 2

NONE = "none"
WEEKLY = "weekly"
MONTHLY = "monthly"
DATES = "dates"
RULES = (NONE, WEEKLY, MONTHLY, DATES)


class RecurrenceError(ValueError):
    """A rule that cannot be accepted; ``field`` names the form field to blame."""

    def __init__(self, message: str, field: str = "recurrence_until") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Occurrence:
    start: datetime
    end: datetime | None


def latest_until(first: date) -> date:
    """The last day a repeating event may run to: two years after its start."""
    try:
        return first.replace(year=first.year + MAX_YEARS)
    except ValueError:  # 29 February
        return first.replace(year=first.year + MAX_YEARS, day=28)


def monthly_position(day: date) -> int:
    """1 to 4 for the first to fourth weekday of its kind, -1 for a fifth (last)."""
    position = (day.day - 1) // 7 + 1
    return -1 if position == 5 else position


def nth_weekday(year: int, month: int, weekday: int, position: int) -> date | None:
    """The ``position``-th ``weekday`` of a month (-1: the last one)."""
    days_in_month = calendar.monthrange(year, month)[1]
    if position == -1:
        last = date(year, month, days_in_month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = 1 + (weekday - first.weekday()) % 7 + 7 * (position - 1)
    return date(year, month, day) if day <= days_in_month else None


def _weekly(first: date, until: date, limit: int) -> list[date]:
    days = []
    current = first
    while current <= until and len(days) < limit:
        days.append(current)
        current += timedelta(weeks=1)
    return days


def _monthly(first: date, until: date, limit: int) -> list[date]:
    days = [first]
    weekday, position = first.weekday(), monthly_position(first)
    year, month = first.year, first.month
    while len(days) < limit:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        day = nth_weekday(year, month, weekday, position)
        if day is None:
            continue
        if day > until:
            break
        days.append(day)
    return days


def occurrence_dates(
    first: date,
    rule: str,
    *,
    until: date | None = None,
    extra_dates: Iterable[date] = (),
    limit: int = MAX_OCCURRENCES,
) -> list[date]:
    """The local days the event happens on, sorted, at most ``limit`` of them."""
    if rule == WEEKLY and until is not None:
        return _weekly(first, until, limit)
    if rule == MONTHLY and until is not None:
        return _monthly(first, until, limit)
    if rule == DATES:
        return sorted({first, *extra_dates})[:limit]
    return [first]


def check(
    first: date,
    rule: str,
    *,
    until: date | None = None,
    extra_dates: Iterable[date] = (),
) -> None:
    """Raise RecurrenceError with a plain French message if the rule is refused."""
    extra_dates = list(extra_dates)
    if rule not in RULES:
        raise RecurrenceError(
            _("Choisissez une répétition dans la liste."), "recurrence"
        )
    if rule in (WEEKLY, MONTHLY):
        if until is None:
            raise RecurrenceError(
                _("Indiquez jusqu'à quand l'événement se répète (deux ans au plus).")
            )
        if until < first:
            raise RecurrenceError(
                _("La date de fin de la répétition est avant le premier jour.")
            )
        if until > latest_until(first):
            raise RecurrenceError(
                _(
                    "Un événement peut se répéter pendant deux ans au plus : "
                    "choisissez une date de fin avant le %(date)s."
                )
                % {"date": f"{latest_until(first):%d/%m/%Y}"}
            )
    if rule == DATES:
        if not extra_dates:
            raise RecurrenceError(
                _(
                    "Indiquez au moins une autre date, ou choisissez « une seule fois »."
                ),
                "extra_dates",
            )
        for day in extra_dates:
            if day < first or day > latest_until(first):
                raise RecurrenceError(
                    _(
                        "Le %(date)s ne va pas : les autres dates doivent venir "
                        "après la première, et dans les deux ans."
                    )
                    % {"date": f"{day:%d/%m/%Y}"},
                    "extra_dates",
                )
    count = len(
        occurrence_dates(
            first,
            rule,
            until=until,
            extra_dates=extra_dates,
            limit=MAX_OCCURRENCES + 1,
        )
    )
    if count > MAX_OCCURRENCES:
        raise RecurrenceError(
            _("Cela ferait plus de %(max)s dates : raccourcissez la période.")
            % {"max": MAX_OCCURRENCES},
            "extra_dates" if rule == DATES else "recurrence_until",
        )


def at_local_time(day: date, wall: datetime) -> datetime:
    """``day`` at the wall-clock time of ``wall``, in Paris.

    A time that does not exist (02:30 on the last Sunday of March) is read
    with the offset before the change, so it lands at 03:30 summer time.
    """
    naive = datetime.combine(day, wall.time())
    # Through UTC: astimezone() to the same zone would not normalise.
    return naive.replace(tzinfo=PARIS).astimezone(UTC).astimezone(PARIS)


def expand(
    start: datetime,
    end: datetime | None,
    rule: str,
    *,
    until: date | None = None,
    extra_dates: Iterable[date] = (),
    limit: int = MAX_OCCURRENCES,
) -> list[Occurrence]:
    """Every occurrence of an event (``start`` aware), at most ``limit``.

    Each occurrence lasts as long, in wall-clock time, as the first one.
    """
    local_start = start.astimezone(PARIS)
    wall_length = (
        end.astimezone(PARIS).replace(tzinfo=None) - local_start.replace(tzinfo=None)
        if end is not None
        else None
    )
    occurrences = []
    for day in occurrence_dates(
        local_start.date(), rule, until=until, extra_dates=extra_dates, limit=limit
    ):
        begins = at_local_time(day, local_start)
        ends = None
        if wall_length is not None:
            naive_end = begins.replace(tzinfo=None) + wall_length
            ends = at_local_time(naive_end.date(), naive_end)
        occurrences.append(Occurrence(begins, ends))
    return occurrences


def parse_dates(text: str) -> list[date]:
    """Dates typed on a phone: one per line or separated by commas.

    Accepts 14/07/2026, 14/07/26, 14-07-2026 and 2026-07-14. Raises
    RecurrenceError naming the first one it cannot read.
    """
    days = []
    for raw in (text or "").replace(",", "\n").replace(";", "\n").splitlines():
        item = raw.strip()
        if not item:
            continue
        for pattern in ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
            try:
                days.append(datetime.strptime(item, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise RecurrenceError(
                _(
                    "« %(item)s » n'est pas une date lisible : écrivez-la comme 14/07/2026."
                )
                % {"item": item},
                "extra_dates",
            )
    if len(days) > MAX_OCCURRENCES:
        raise RecurrenceError(
            _("Cela ferait plus de %(max)s dates : raccourcissez la liste.")
            % {"max": MAX_OCCURRENCES},
            "extra_dates",
        )
    return sorted(set(days))

"""Time arithmetic of the weekly programme schedule (no database access).

A slot is a span of the week: it starts on a weekday at a time and may end
after midnight (22:00 → 01:00), even on Sunday night into Monday. Spans are
measured in seconds from Monday 00:00 on a circular week.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

DAY = 24 * 3600
WEEK = 7 * DAY


def _seconds(value) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def slot_minutes(slot) -> tuple[int, int]:
    """(start in seconds from Monday 00:00, length in minutes) of a slot."""
    start, length = slot_span(slot)
    return start, length // 60


def slot_span(slot) -> tuple[int, int]:
    """(start, length) in seconds; the end is the next day when it is earlier."""
    start_of_day = _seconds(slot.start_time)
    length = (_seconds(slot.end_time) - start_of_day) % DAY
    return slot.weekday * DAY + start_of_day, length


def _segments(start: int, length: int) -> list[tuple[int, int]]:
    end = start + length
    if end <= WEEK:
        return [(start, end)]
    return [(start, WEEK), (0, end - WEEK)]


def overlap(first, second) -> bool:
    """Whether two slots are on air at the same moment of some week."""
    a = _segments(*slot_span(first))
    b = _segments(*slot_span(second))
    return any(a0 < b1 and b0 < a1 for a0, a1 in a for b0, b1 in b)


def first_overlap(slot, others: list) -> Any | None:
    for other in sorted(others, key=slot_span):
        if overlap(slot, other):
            return other
    return None


@dataclass
class Occurrence:
    """One broadcast in the calendar: a slot on a given date."""

    slot: Any  # ScheduleSlot
    show: Any  # ShowPage on air (the replacement one when replaced), or None
    start: datetime
    end: datetime
    cancelled: bool = False
    replaced: bool = False
    note: str = ""

    @property
    def title(self) -> str:
        if self.show is not None:
            return self.show.title
        return self.note

    def on_air_at(self, moment: datetime) -> bool:
        return not self.cancelled and self.start <= moment < self.end


def occurrences(
    slots: list, exceptions: dict, first_day: date, days: int
) -> list[Occurrence]:
    """Every broadcast starting on ``first_day`` and the ``days - 1`` days after.

    ``exceptions`` maps (slot id, date) to a ScheduleException.
    """
    tz = timezone.get_current_timezone()
    by_weekday: dict[int, list] = {}
    for slot in slots:
        by_weekday.setdefault(slot.weekday, []).append(slot)
    found = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for slot in by_weekday.get(day.weekday(), []):
            start = timezone.make_aware(datetime.combine(day, slot.start_time), tz)
            _start, length = slot_span(slot)
            end_day = (
                day + timedelta(days=1) if slot.end_time <= slot.start_time else day
            )
            end = timezone.make_aware(datetime.combine(end_day, slot.end_time), tz)
            if length == 0:
                continue
            occurrence = Occurrence(
                slot=slot, show=slot.show, start=start, end=end, note=slot.note
            )
            exception = exceptions.get((slot.pk, day))
            if exception is not None:
                occurrence.note = exception.note
                if exception.kind == exception.CANCELLED:
                    occurrence.cancelled = True
                else:
                    occurrence.replaced = True
                    occurrence.show = exception.replacement_show
            found.append(occurrence)
    return sorted(found, key=lambda o: o.start)


def now_and_next(
    found: list[Occurrence], moment: datetime
) -> tuple[Occurrence | None, Occurrence | None]:
    """The broadcast on air at ``moment`` and the next one (cancelled skipped)."""
    current = next((o for o in found if o.on_air_at(moment)), None)
    following = next(
        (o for o in found if not o.cancelled and o.start > moment and o is not current),
        None,
    )
    return current, following

"""The programme schedule: weekly slots, exceptions, now and next."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quartiers.radio import selectors, services
from quartiers.radio.models import ScheduleException, ScheduleSlot

pytestmark = pytest.mark.django_db

MONDAY = date(2027, 3, 1)  # a Monday


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def slot(portal, show, weekday, start, end, note=""):
    return services.schedule_slot_create(
        portal=portal,
        actor=None,
        show_id=show.pk,
        weekday=weekday,
        start_time=start,
        end_time=end,
        note=note,
    )


@pytest.fixture
def shows(portal_a, make_show):
    return make_show(portal_a, "Les Voix du quartier"), make_show(
        portal_a, "Musiques d'ici"
    )


def test_overlapping_slot_is_refused_with_a_clear_message(portal_a, shows):
    voices, music = shows
    slot(portal_a, voices, 2, time(18), time(19))
    with pytest.raises(ValidationError) as error:
        slot(portal_a, music, 2, time(18, 30), time(20))
    message = " ".join(error.value.messages)
    assert "chevauche « Les Voix du quartier »" in message
    assert ScheduleSlot.objects.filter(portal=portal_a).count() == 1


def test_back_to_back_slots_are_accepted(portal_a, shows):
    voices, music = shows
    slot(portal_a, voices, 2, time(18), time(19))
    slot(portal_a, music, 2, time(19), time(20))
    slot(portal_a, music, 2, time(17), time(18))
    assert ScheduleSlot.objects.filter(portal=portal_a).count() == 3


def test_a_slot_running_past_midnight_overlaps_the_next_morning(portal_a, shows):
    voices, music = shows
    slot(portal_a, music, 4, time(22), time(1))  # Friday 22:00 → Saturday 01:00
    with pytest.raises(ValidationError):
        slot(portal_a, voices, 5, time(0, 30), time(2))  # Saturday 00:30
    slot(portal_a, voices, 5, time(1), time(2))  # from 01:00: fine


def test_sunday_night_slot_overlaps_monday_morning(portal_a, shows):
    voices, music = shows
    slot(portal_a, music, 6, time(23), time(2))  # Sunday 23:00 → Monday 02:00
    with pytest.raises(ValidationError):
        slot(portal_a, voices, 0, time(1), time(3))
    with pytest.raises(ValidationError):
        slot(portal_a, voices, 6, time(22), time(23, 30))


def test_same_time_in_another_portal_is_no_overlap(portal_a, portal_b, make_show):
    slot(portal_a, make_show(portal_a, "A"), 2, time(18), time(19))
    slot(portal_b, make_show(portal_b, "B"), 2, time(18), time(19))


def test_empty_slot_and_foreign_show_are_refused(portal_a, portal_b, shows, make_show):
    voices, _music = shows
    with pytest.raises(ValidationError) as error:
        slot(portal_a, voices, 2, time(18), time(18))
    assert "différente de l'heure de début" in " ".join(error.value.messages)
    other = ScheduleSlot(
        portal=portal_a,
        show=make_show(portal_b, "Ailleurs"),
        weekday=1,
        start_time=time(10),
        end_time=time(11),
    )
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "autre quartier" in " ".join(error.value.messages)


def test_now_and_next(portal_a, shows):
    voices, music = shows
    slot(portal_a, voices, 2, time(18), time(19))  # Wednesday
    slot(portal_a, music, 4, time(22), time(1))  # Friday night
    wednesday = MONDAY + timedelta(days=2)
    current, following = selectors.on_air(portal_a, paris(wednesday, 18, 30))
    assert current.show == voices and following.show == music
    assert following.start == paris(wednesday + timedelta(days=2), 22)

    saturday = MONDAY + timedelta(days=5)
    current, following = selectors.on_air(portal_a, paris(saturday, 0, 30))
    assert current.show == music  # started on Friday, still on air
    assert current.end == paris(saturday, 1)
    assert following.show == voices
    assert following.start == paris(wednesday + timedelta(days=7), 18)

    current, following = selectors.on_air(portal_a, paris(saturday, 1))
    assert current is None and following.show == voices


def test_cancelled_date_is_skipped_and_replacement_shown(portal_a, shows):
    voices, music = shows
    wednesday_slot = slot(portal_a, voices, 2, time(18), time(19))
    friday_slot = slot(portal_a, music, 4, time(20), time(21))
    wednesday = MONDAY + timedelta(days=2)
    services.schedule_exception_create(
        portal=portal_a, actor=None, slot_id=wednesday_slot.pk, day=wednesday
    )
    services.schedule_exception_create(
        portal=portal_a,
        actor=None,
        slot_id=friday_slot.pk,
        day=wednesday + timedelta(days=2),
        kind=ScheduleException.REPLACED,
        replacement_show_id=voices.pk,
        note="Spécial fête de quartier",
    )
    current, following = selectors.on_air(portal_a, paris(wednesday, 18, 30))
    assert current is None
    assert following.show == voices and following.replaced
    assert following.note == "Spécial fête de quartier"

    week = selectors.week_schedule(portal_a, MONDAY)
    assert [len(day["occurrences"]) for day in week] == [0, 0, 1, 0, 1, 0, 0]
    assert week[2]["occurrences"][0].cancelled
    # The week after is back to normal.
    following_week = selectors.week_schedule(portal_a, MONDAY + timedelta(days=7))
    assert not following_week[2]["occurrences"][0].cancelled


def test_exception_must_fall_on_the_slot_day(portal_a, shows):
    voices, _music = shows
    wednesday_slot = slot(portal_a, voices, 2, time(18), time(19))
    with pytest.raises(ValidationError) as error:
        services.schedule_exception_create(
            portal=portal_a, actor=None, slot_id=wednesday_slot.pk, day=MONDAY
        )
    assert "mercredi" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        services.schedule_exception_create(
            portal=portal_a,
            actor=None,
            slot_id=wednesday_slot.pk,
            day=MONDAY + timedelta(days=2),
            kind=ScheduleException.REPLACED,
        )


def test_week_schedule_lists_a_night_slot_on_its_starting_day(portal_a, shows):
    _voices, music = shows
    slot(portal_a, music, 6, time(22), time(0, 30))
    week = selectors.week_schedule(portal_a, MONDAY)
    sunday = week[6]["occurrences"]
    assert len(sunday) == 1 and sunday[0].end == paris(
        MONDAY + timedelta(days=7), 0, 30
    )


def test_only_animators_of_the_portal_write_the_schedule(
    portal_a, shows, animator_b, resident_a, animator_a
):
    voices, _music = shows
    for person in (animator_b, resident_a):
        with pytest.raises(Exception) as error:
            services.schedule_slot_create(
                portal=portal_a,
                actor=person,
                show_id=voices.pk,
                weekday=1,
                start_time=time(10),
                end_time=time(11),
            )
        assert error.type.__name__ == "PermissionDenied"
    services.schedule_slot_create(
        portal=portal_a,
        actor=animator_a,
        show_id=voices.pk,
        weekday=1,
        start_time=time(10),
        end_time=time(11),
    )

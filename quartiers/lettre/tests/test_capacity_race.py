"""Two people take the last place at the same moment: one gets it, the
other goes on the waiting list. Real concurrency needs PostgreSQL (SQLite
runs one write at a time anyway); the test is skipped elsewhere."""

import threading

import pytest
from django.db import connection, connections

from quartiers.agenda import services as agenda_services
from quartiers.agenda.models import Event
from quartiers.agenda.tests.conftest import soon
from quartiers.lettre import services
from quartiers.lettre.models import Attendance, EventOptions, Subscriber
from quartiers.portals.models import Portal


@pytest.fixture
def committed_event(django_db_blocker):
    """An event with one place, committed (the two threads use their own
    connections), removed afterwards with what the registrations made."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL")
        portal = Portal.objects.get(slug="alpha")
        event = agenda_services.event_propose(
            portal=portal,
            actor=None,
            fields=agenda_services.EventFields(
                title="Sortie au musée", start=soon(4), place_name="Départ du car"
            ),
        )
        EventOptions.objects.create(event=event, capacity=1)
    yield event
    with django_db_blocker.unblock():
        Attendance.objects.filter(event=event).delete()
        Subscriber.objects.filter(email__in=["a@example.org", "b@example.org"]).delete()
        Event.objects.filter(pk=event.pk).delete()
        connections.close_all()


# Runs while the session's portals are still there (see the root conftest).
@pytest.mark.before_transactional
def test_two_last_place_registrations_at_once_give_one_place(
    committed_event, django_db_blocker
):
    event = committed_event
    start = threading.Barrier(2)
    errors = []

    def register(email):
        try:
            with django_db_blocker.unblock():
                start.wait()
                services.attendance_register(
                    portal=event.portal,
                    event=event,
                    actor=None,
                    email=email,
                    name=email,
                )
        except Exception as error:  # noqa: BLE001 (reported by the assertion)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=register, args=(f"{n}@example.org",)) for n in "ab"
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with django_db_blocker.unblock():
        states = sorted(
            Attendance.objects.filter(event=event).values_list("status", flat=True)
        )
    assert states == ["confirmed", "waiting"]

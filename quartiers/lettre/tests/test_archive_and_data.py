"""The archive costs the same queries for one letter or many; what the app
holds about a person is exported and erased with their account."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.lettre import personal_data, services
from quartiers.lettre.models import Attendance, Follow, Letter, Subscriber

pytestmark = pytest.mark.django_db


def _letters(portal, count, start=0):
    Letter.objects.bulk_create(
        Letter(
            portal=portal,
            number=start + n + 1,
            week_start=timezone.localdate().replace(year=2020 + start + n),
            status=Letter.SENT,
            send_after=timezone.now(),
            items=[],
        )
        for n in range(count)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_archive_costs_the_same_for_one_letter_or_thirty(client, portal_a):
    _letters(portal_a, 1)
    client.get("/alpha/lettre/")  # first request of the process warms caches
    few = _queries(client, "/alpha/lettre/")
    _letters(portal_a, 29, start=1)
    assert _queries(client, "/alpha/lettre/") == few


def test_personal_data_is_exported_then_erased(portal_a, resident_a, make_event):
    services.follows_add(portal=portal_a, actor=resident_a, targets=[("portal", "")])
    event = make_event(portal_a)
    services.attendance_register(portal=portal_a, event=event, actor=resident_a)
    data = personal_data.export(resident_a)
    assert data["abonnements"][0]["quartier"] == "Quartier Alpha"
    assert data["participations"][0]["evenement"] == event.title
    personal_data.erase(resident_a, keep_contributions=True)
    assert not Subscriber.objects.filter(user=resident_a).exists()
    assert not Follow.objects.exists()
    assert not Attendance.objects.filter(user=resident_a).exists()

"""Je participe: registering with or without an account, places and the
waiting list, the attendees' list, the reminder and cancelling."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from quartiers.agenda.tests.conftest import soon
from quartiers.lettre import services, tasks
from quartiers.lettre.models import Attendance, EventOptions

from .conftest import outbox_to

pytestmark = pytest.mark.django_db


def _register(client, event, name, email):
    return client.post(
        f"/alpha/agenda/{event.slug}/participer/", {"name": name, "email": email}
    )


def test_the_event_page_offers_je_participe_without_javascript(
    client, portal_a, make_event
):
    event = make_event(portal_a)
    html = client.get(f"/alpha/agenda/{event.slug}/").content.decode()
    assert f'href="/alpha/agenda/{event.slug}/participer/"' in html
    form = client.get(f"/alpha/agenda/{event.slug}/participer/").content.decode()
    assert 'method="post"' in form and 'name="email"' in form


def test_a_visitor_registers_by_email_and_gets_a_confirmation(
    client, portal_a, make_event
):
    event = make_event(portal_a)
    response = _register(client, event, "Awa", "awa@example.org")
    assert "vous participez" in response.content.decode()
    attendance = Attendance.objects.get(event=event)
    assert (attendance.email, attendance.status) == ("awa@example.org", "confirmed")
    (message,) = outbox_to("awa@example.org")
    assert event.title in message.subject
    assert "/compte/suivi/participation/" in message.body


def test_a_resident_registers_with_their_account(
    client, portal_a, make_event, resident_a
):
    event = make_event(portal_a)
    client.force_login(resident_a)
    client.post(f"/alpha/agenda/{event.slug}/participer/", {"name": ""})
    attendance = Attendance.objects.get(event=event)
    assert attendance.user == resident_a
    assert attendance.email == resident_a.email


def test_another_portals_event_is_not_found(client, portal_a, portal_b, make_event):
    event_b = make_event(portal_b)
    assert client.get(f"/alpha/agenda/{event_b.slug}/participer/").status_code == 404
    assert _register(client, event_b, "Awa", "awa@example.org").status_code == 404
    assert not Attendance.objects.exists()


def test_capacity_fills_then_the_waiting_list_then_a_freed_place_goes_to_it(
    client, portal_a, make_event
):
    event = make_event(portal_a)
    EventOptions.objects.create(event=event, capacity=2)
    for name, email in (("Awa", "awa"), ("Bruno", "bruno"), ("Chloé", "chloe")):
        _register(client, event, name, f"{email}@example.org")
    states = dict(Attendance.objects.values_list("name", "status"))
    assert states == {"Awa": "confirmed", "Bruno": "confirmed", "Chloé": "waiting"}
    # Registering twice takes no second place.
    _register(client, event, "Awa", "awa@example.org")
    assert Attendance.objects.filter(event=event).count() == 3
    # Awa cancels from her email's link: Chloé gets the place and is told.
    awa = Attendance.objects.get(name="Awa")
    link = re.search(
        r"/compte/suivi/participation/[^/\s]+/", outbox_to("awa@example.org")[0].body
    ).group(0)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 200
    awa.refresh_from_db()
    assert awa.status == "cancelled"
    assert Attendance.objects.get(name="Chloé").status == "confirmed"
    assert any(
        "place s'est libérée" in m.subject for m in outbox_to("chloe@example.org")
    )


def test_a_forged_cancel_link_cancels_nothing(client, portal_a, make_event):
    event = make_event(portal_a)
    _register(client, event, "Awa", "awa@example.org")
    attendance = Attendance.objects.get()
    token = services.attendance_token(attendance)
    for bad in (token[:-2] + "zz", "inconnu"):
        assert client.post(f"/compte/suivi/participation/{bad}/").status_code == 400
    attendance.refresh_from_db()
    assert attendance.status == "confirmed"


def test_registering_is_rate_limited_and_loses_no_place(
    client, portal_a, make_event, settings
):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "rsvp": (3, 3600),
    }
    event = make_event(portal_a)
    EventOptions.objects.create(event=event, capacity=5)
    codes = [
        _register(client, event, f"Personne {n}", f"p{n}@example.org").status_code
        for n in range(6)
    ]
    assert codes == [200, 200, 200, 429, 429, 429]
    assert Attendance.objects.filter(status="confirmed").count() == 3


def test_the_organiser_and_animators_download_the_attendees(
    client, portal_a, make_event, animator_a, animator_b, resident_a
):
    event = make_event(portal_a)
    _register(client, event, "=Awa", "awa@example.org")
    url = f"/alpha/agenda/{event.slug}/participants/"
    client.force_login(resident_a)
    assert client.get(url).status_code == 404
    client.force_login(animator_b)
    assert client.get(url).status_code == 404
    client.force_login(animator_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][0] == "Nom"
    assert rows[1][0] == "'=Awa"  # never a spreadsheet formula
    assert rows[1][1] == "awa@example.org"


def test_attendees_get_a_reminder_the_day_before_once(client, portal_a, make_event):
    event = make_event(portal_a, start=soon(1, hour=18))
    _register(client, event, "Awa", "awa@example.org")
    mail.outbox.clear()
    tasks.periodic.call()
    tasks.periodic.call()
    reminders = [m for m in outbox_to("awa@example.org") if "demain" in m.subject]
    assert len(reminders) == 1


def test_attendees_are_told_when_the_event_changes_or_is_cancelled(
    client, portal_a, make_event, animator_a
):
    from quartiers.agenda import services as agenda_services

    event = make_event(portal_a)
    _register(client, event, "Awa", "awa@example.org")
    mail.outbox.clear()
    event.start = event.start + timedelta(hours=2)
    event.save()
    changed = outbox_to("awa@example.org")
    assert changed and "Changement" in changed[-1].body
    mail.outbox.clear()
    agenda_services.event_delete(portal=portal_a, actor=animator_a, event_id=event.pk)
    cancelled = outbox_to("awa@example.org")
    assert cancelled and "Annulé" in cancelled[-1].body


def test_two_last_place_registrations_get_one_place(portal_a, make_event):
    """The options row is locked while places are counted (on PostgreSQL two
    requests at once wait for each other; see docs/lettre.md)."""
    event = make_event(portal_a)
    EventOptions.objects.create(event=event, capacity=1)
    first = services.attendance_register(
        portal=portal_a, event=event, actor=None, email="a@example.org", name="A"
    )
    second = services.attendance_register(
        portal=portal_a, event=event, actor=None, email="b@example.org", name="B"
    )
    assert (first.status, second.status) == ("confirmed", "waiting")
    assert timezone.now()

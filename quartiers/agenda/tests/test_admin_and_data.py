"""The admin listing, personal data and the demo seeder."""

import pytest

from quartiers.agenda import demo
from quartiers.agenda.models import Event, EventCategory, Occurrence
from quartiers.portals.features import registry

from .conftest import soon

pytestmark = pytest.mark.django_db

ADMIN = "/admin/snippets/agenda/event/"


def test_animators_list_their_portals_events_only(
    staff_client, portal_a, portal_b, animator_a, make_event
):
    make_event(portal_a, "Fête Alpha")
    make_event(portal_b, "Fête Bêta")
    client = staff_client(animator_a)
    html = client.get(ADMIN).content.decode()
    assert "Fête Alpha" in html and "Fête Bêta" not in html
    other = Event.objects.get(portal=portal_b)
    assert client.get(f"{ADMIN}edit/{other.pk}/").status_code in (403, 404)


def test_status_filter_shows_pending_proposals(
    staff_client, portal_a, animator_a, resident_a, make_event
):
    make_event(portal_a, "Publié")
    make_event(portal_a, "À valider", actor=resident_a)
    html = staff_client(animator_a).get(f"{ADMIN}?status=pending").content.decode()
    assert "À valider" in html and "Publié" not in html


def test_admin_edit_rebuilds_the_dates(staff_client, portal_a, animator_a, make_event):
    event = make_event(portal_a, "Atelier")
    client = staff_client(animator_a)
    start = soon(10, 14)
    response = client.post(
        f"{ADMIN}edit/{event.pk}/",
        {
            "portal": portal_a.pk,
            "title": "Atelier couture",
            "slug": event.slug,
            "status": "published",
            "category": "",
            "description": "",
            "start": start.strftime("%Y-%m-%d %H:%M"),
            "end": "",
            "recurrence": "weekly",
            "recurrence_until": soon(31).date().isoformat(),
            "extra_dates": "[]",
            "place_name": "Local",
            "place_address": "",
            "is_free": "on",
            "price": "",
            "accessibility": "",
            "photo_alt": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.title == "Atelier couture"
    assert Occurrence.objects.filter(event=event).count() == 4


def test_admin_refuses_a_repetition_without_end(
    staff_client, portal_a, animator_a, make_event
):
    event = make_event(portal_a, "Atelier")
    response = staff_client(animator_a).post(
        f"{ADMIN}edit/{event.pk}/",
        {
            "portal": portal_a.pk,
            "title": "Atelier",
            "slug": event.slug,
            "status": "published",
            "start": soon(10).strftime("%Y-%m-%d %H:%M"),
            "recurrence": "weekly",
            "recurrence_until": "",
            "extra_dates": "[]",
            "is_free": "on",
        },
    )
    assert response.status_code == 200
    assert "jusqu&#x27;à quand" in response.content.decode()


def test_personal_data_export_and_erase(
    portal_a, resident_a, animator_a, make_event, settings
):
    from quartiers.agenda import personal_data, services

    pending = make_event(portal_a, "Kermesse", actor=resident_a)
    published = make_event(portal_a, "Pique-nique", actor=resident_a)
    services.event_set_status(
        portal=portal_a, actor=animator_a, event_id=published.pk, status="published"
    )
    exported = personal_data.export_events(resident_a)
    assert {e["titre"] for e in exported["evenements"]} == {"Kermesse", "Pique-nique"}

    personal_data.erase_events(resident_a, keep_contributions=True)
    assert not Event.objects.filter(pk=pending.pk).exists()
    kept = Event.objects.get(pk=published.pk)
    assert kept.created_by is None and kept.organiser_user is None

    again = make_event(portal_a, "Autre", actor=animator_a)
    personal_data.erase_events(animator_a, keep_contributions=False)
    assert not Event.objects.filter(pk=again.pk).exists()
    assert "agenda" in [item.name for item in registry.personal_data()]


def test_demo_seeds_a_lively_agenda_once(client, portal_a):
    demo.seed_agenda(portal_a)
    count = Event.objects.filter(portal=portal_a).count()
    demo.seed_agenda(portal_a)
    assert Event.objects.filter(portal=portal_a).count() == count
    assert count >= 13
    html = client.get("/alpha/agenda/").content.decode()
    assert "Permanence numérique" in html and "Fête de quartier" in html
    assert (
        "Nettoyons le quartier"
        in client.get("/alpha/agenda/archives/").content.decode()
    )
    assert Event.objects.filter(portal=portal_a).exclude(recurrence="none").exists()
    assert EventCategory.objects.filter(portal=portal_a).count() == 7

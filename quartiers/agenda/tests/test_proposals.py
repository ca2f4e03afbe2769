"""Residents and partners announce events; animators validate the others'."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from quartiers.agenda.models import Event, EventCategory
from quartiers.portals.constants import MODERATION_AFTER
from quartiers.uploads.models import PortalImage
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db

URL = "/alpha/agenda/proposer/"


def _day(days=7):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _post(client, **data):
    payload = {
        "title": "Fête des voisins",
        "date": _day(),
        "start_time": "18:00",
        "end_time": "22:00",
        "recurrence": "none",
        "place_name": "Square des Tilleuls",
        "is_free": "on",
        "photo_consent": "not_needed",
        "description": "Chacun apporte un plat.",
        **data,
    }
    return client.post(URL, payload)


def test_visitor_is_sent_to_login(client, portal_a):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_the_form_is_offered_from_participer(client, portal_a, resident_a):
    client.force_login(resident_a)
    html = client.get("/alpha/participer/").content.decode()
    assert 'href="/alpha/agenda/proposer/"' in html
    form = client.get(URL).content.decode()
    assert 'type="date"' in form and 'type="time"' in form


def test_resident_proposal_waits_and_animators_are_told(
    client, portal_a, resident_a, django_capture_on_commit_callbacks
):
    client.force_login(resident_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            category=str(EventCategory.objects.get(portal=portal_a, slug="fete").pk),
        )
    event = Event.objects.get(portal=portal_a)
    assert response.status_code == 302
    assert response["Location"] == f"/alpha/agenda/{event.slug}/"
    assert event.status == Event.PENDING
    assert event.created_by == resident_a and event.organiser_user == resident_a
    local = timezone.localtime(event.start)
    assert (local.hour, local.minute) == (18, 0)
    assert event.occurrences.count() == 1
    recipients = {a for message in mail.outbox for a in message.to}
    assert "animation.alpha@example.org" in recipients
    assert "animation.beta@example.org" not in recipients
    assert "Fête des voisins" not in client.get("/alpha/agenda/").content.decode()


def test_portal_moderating_afterwards_publishes_at_once(client, portal_a, resident_a):
    portal_a.moderation_mode = MODERATION_AFTER
    portal_a.save()
    client.force_login(resident_a)
    _post(client)
    assert Event.objects.get(portal=portal_a).status == Event.PUBLISHED


def test_partner_announces_for_the_actor_they_manage(
    client, portal_a, partner_a, actor_a
):
    client.force_login(partner_a)
    form = client.get(URL).content.decode()
    assert "Maison de quartier Alpha" in form
    _post(
        client,
        organiser_actor=str(actor_a.pk),
        place_actor=str(actor_a.pk),
        place_name="",
    )
    event = Event.objects.get(portal=portal_a)
    assert event.status == Event.PUBLISHED
    assert event.organiser_actor == actor_a and event.place_actor == actor_a
    assert "Fête des voisins" in client.get("/alpha/agenda/").content.decode()


def test_partner_without_actor_waits_like_a_resident(
    client, portal_a, partner_a, actor_a
):
    client.force_login(partner_a)
    _post(client)
    assert Event.objects.get(portal=portal_a).status == Event.PENDING


def test_animator_publishes_at_once(client, portal_a, animator_a):
    client.force_login(animator_a)
    _post(client)
    assert Event.objects.get(portal=portal_a).status == Event.PUBLISHED


def test_weekly_proposal_creates_its_dates(client, portal_a, animator_a):
    client.force_login(animator_a)
    _post(client, recurrence="weekly", recurrence_until=_day(7 + 21))
    event = Event.objects.get(portal=portal_a)
    assert event.occurrences.count() == 4


def test_chosen_dates_are_typed_the_french_way(client, portal_a, animator_a):
    client.force_login(animator_a)
    later = timezone.localdate() + timedelta(days=14)
    _post(client, recurrence="dates", extra_dates=f"{later:%d/%m/%Y}")
    event = Event.objects.get(portal=portal_a)
    assert event.extra_dates == [later.isoformat()]
    assert event.occurrences.count() == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"end_time": "17:00"}, "La fin est avant le début"),
        ({"date": "1900-05-01"}, "Vérifiez l&#x27;année"),
        ({"date": "pas une date"}, "Écrivez la date comme 14/07/2026"),
        ({"recurrence": "weekly"}, "jusqu&#x27;à quand"),
        ({"recurrence": "monthly", "recurrence_until": "2099-01-01"}, "deux ans"),
        ({"start_time": ""}, "Indiquez l&#x27;heure de début"),
        ({"place_name": ""}, "Indiquez où cela se passe"),
        ({"is_free": "", "price": ""}, "Indiquez le tarif"),
        ({"place_actor": "999999"}, "pas dans l&#x27;annuaire du quartier"),
        ({"date": _day(-10)}, "déjà passée"),
    ],
)
def test_bad_input_is_explained_and_kept(client, portal_a, resident_a, data, message):
    client.force_login(resident_a)
    response = _post(client, title="Mon titre gardé", **data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="Mon titre gardé"' in html
    assert not Event.objects.exists()


def test_more_than_400_chosen_dates_are_refused(client, portal_a, resident_a):
    client.force_login(resident_a)
    start = timezone.localdate() + timedelta(days=7)
    many = "\n".join(f"{start + timedelta(days=n):%d/%m/%Y}" for n in range(1, 402))
    response = _post(client, recurrence="dates", extra_dates=many)
    assert response.status_code == 400
    assert "plus de 400 dates" in response.content.decode()
    assert not Event.objects.exists()


def test_another_portals_actor_is_refused(client, portal_a, partner_a, actor_b):
    client.force_login(partner_a)
    response = _post(client, place_actor=str(actor_b.pk))
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_a_20_mb_photo_is_refused_and_nothing_is_stored(client, portal_a, resident_a):
    client.force_login(resident_a)
    heavy = SimpleUploadedFile(
        "affiche.png", png_bytes() + b"\0" * (20 * 1024 * 1024), "image/png"
    )
    response = _post(client, photo=heavy, photo_alt="L'affiche")
    assert response.status_code == 400
    assert "trop lourde" in response.content.decode()
    assert not Event.objects.exists()
    assert not PortalImage.objects.filter(title__contains="Fête des voisins").exists()


def test_photo_goes_to_the_portals_collection(client, portal_a, animator_a):
    client.force_login(animator_a)
    photo = SimpleUploadedFile("affiche.png", png_bytes(), "image/png")
    _post(client, photo=photo, photo_alt="Une affiche colorée")
    event = Event.objects.get(portal=portal_a)
    assert event.photo.collection_id == portal_a.collection_id
    assert event.photo.alt_text == "Une affiche colorée"
    html = client.get(f"/alpha/agenda/{event.slug}/").content.decode()
    assert 'alt="Une affiche colorée"' in html


def test_non_member_is_invited_to_join(client, portal_b, resident_a):
    client.force_login(resident_a)
    response = client.post("/beta/agenda/proposer/", {"title": "Intrus"})
    assert "rejoignez d'abord le quartier" in response.content.decode().lower()
    assert not Event.objects.exists()


def test_proposals_are_rate_limited(client, portal_a, resident_a, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "submission": (2, 3600),
    }
    client.force_login(resident_a)
    assert _post(client, title="Un").status_code == 302
    assert _post(client, title="Deux").status_code == 302
    assert _post(client, title="Trois").status_code == 429
    assert Event.objects.count() == 2

"""Mon organisation: a partner lands on their organisation's desk after
logging in, sees its events, news and widget, and places it by its address
or a click on the map, never by typing coordinates."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from conftest import PASSWORD
from quartiers.directory.models import LocalActor

pytestmark = pytest.mark.django_db

MINE = "/alpha/acteurs/mon-organisation/"


@pytest.fixture
def partner_a(db):
    return get_user_model().objects.get(email="partenaire.alpha@example.org")


@pytest.fixture
def partner_b(db):
    return get_user_model().objects.get(email="partenaire.beta@example.org")


@pytest.fixture
def maison(make_actor, portal_a, partner_a):
    actor = make_actor(portal_a, "Maison de quartier Alpha")
    actor.managers.add(partner_a)
    return actor


def _form(actor, **overrides):
    data = {
        "name": actor.name,
        "kind": actor.kind,
        "description": "Accueil et ateliers.",
        "address": actor.address,
        "postcode": actor.postcode,
        "town": actor.town,
        "latitude": "" if actor.latitude is None else str(actor.latitude),
        "longitude": "" if actor.longitude is None else str(actor.longitude),
        "opening_hours": "",
        "phone": "",
        "email": "",
        "website": "",
        "facebook_url": "",
        "instagram_url": "",
        "mastodon_url": "",
        "logo_alt": "",
    }
    data.update(overrides)
    return data


def test_a_partner_lands_on_their_organisation_after_login(client, partner_a):
    response = client.post(
        "/compte/login/", {"login": partner_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == MINE


def test_a_resident_does_not(client, resident_a):
    response = client.post(
        "/compte/login/", {"login": resident_a.email, "password": PASSWORD}
    )
    assert response["Location"] != MINE


def test_desk_shows_organisation_events_news_and_widget(
    client, partner_a, maison, portal_a
):
    from quartiers.agenda import services as agenda_services
    from quartiers.agenda.models import Event

    start = timezone.now() + timedelta(days=2)
    event = Event.objects.create(
        portal=portal_a,
        title="Atelier vélo",
        slug="atelier-velo",
        start=start,
        end=start + timedelta(hours=2),
        organiser_actor=maison,
        place_actor=maison,
        status=Event.PUBLISHED,
    )
    agenda_services.occurrences_rebuild(event=event)
    client.force_login(partner_a)
    html = client.get(MINE).content.decode()
    assert "Maison de quartier Alpha" in html
    assert "Atelier vélo" in html
    assert "/alpha/acteurs/maison-de-quartier-alpha/modifier/" in html
    assert "/alpha/widgets/?contenu=acteur&amp;acteur=maison-de-quartier-alpha" in html
    assert "/alpha/agenda/proposer/" in html


def test_someone_elses_organisation_never_shows(
    client, partner_b, resident_a, maison, make_actor, portal_b
):
    other = make_actor(portal_b, "Centre social Bêta")
    other.managers.add(partner_b)
    client.force_login(partner_b)
    assert "Maison de quartier Alpha" not in client.get(MINE).content.decode()
    html = client.get("/beta/acteurs/mon-organisation/").content.decode()
    assert "Centre social Bêta" in html and "Maison de quartier Alpha" not in html
    client.force_login(resident_a)
    html = client.get(MINE).content.decode()
    assert "Maison de quartier Alpha" not in html
    assert "Suggérer la fiche de mon organisation" in html


def test_anonymous_goes_to_login(client):
    response = client.get(MINE)
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_edit_form_has_no_coordinates_to_type(client, partner_a, maison):
    client.force_login(partner_a)
    html = client.get(f"/alpha/acteurs/{maison.slug}/modifier/").content.decode()
    assert 'type="hidden" name="latitude"' in html
    assert 'type="hidden" name="longitude"' in html
    assert "Latitude" not in html
    assert 'id="place-map"' in html


def test_a_click_on_the_map_stores_the_point(client, partner_a, maison):
    client.force_login(partner_a)
    url = f"/alpha/acteurs/{maison.slug}/modifier/"
    client.post(url, _form(maison, latitude="48.90771", longitude="2.43970"))
    maison.refresh_from_db()
    assert maison.latitude == Decimal("48.90771")
    assert maison.longitude == Decimal("2.43970")


def test_a_new_address_without_a_click_drops_the_old_point(client, partner_a, maison):
    maison.latitude, maison.longitude = Decimal("48.90771"), Decimal("2.43970")
    maison.save()
    client.force_login(partner_a)
    url = f"/alpha/acteurs/{maison.slug}/modifier/"
    # Without JavaScript the hidden fields send the old point unchanged.
    client.post(url, _form(maison, address="10 rue des Lilas"))
    maison.refresh_from_db()
    assert maison.address == "10 rue des Lilas"
    assert maison.latitude is None and maison.longitude is None


def test_the_same_address_keeps_the_point(client, partner_a, maison):
    maison.latitude, maison.longitude = Decimal("48.90771"), Decimal("2.43970")
    maison.save()
    client.force_login(partner_a)
    client.post(f"/alpha/acteurs/{maison.slug}/modifier/", _form(maison))
    maison.refresh_from_db()
    assert maison.latitude == Decimal("48.90771")


def test_a_bad_point_gets_a_message_on_top_and_keeps_the_text(
    client, partner_a, maison
):
    client.force_login(partner_a)
    url = f"/alpha/acteurs/{maison.slug}/modifier/"
    response = client.post(
        url, _form(maison, latitude="40.7128", longitude="-74.0060", phone="")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "pas en France" in html
    assert "Accueil et ateliers." in html
    assert LocalActor.objects.get(pk=maison.pk).latitude is None
    response = client.post(url, _form(maison, latitude="abc", longitude="2.4"))
    assert response.status_code == 400
    assert "cliquez de nouveau sur la carte" in response.content.decode()

"""Animators list and decide on their own portals' actors in the admin only."""

import pytest
from django.core import mail

from quartiers.directory.models import LocalActor

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/directory/localactor/"


def _denied(response):
    return response.status_code in (302, 403, 404)


def test_listing_is_scoped_to_the_animators_portals(
    staff_client, animator_a, animator_b, portal_a, make_actor
):
    actor = make_actor(portal_a, "Suggestion d'Alpha", status=LocalActor.SUGGESTED)

    own = staff_client(animator_a).get(LISTING)
    assert own.status_code == 200
    assert (
        "Suggestion d&#x27;Alpha" in own.content.decode()
        or "Suggestion d'Alpha" in own.content.decode()
    )
    assert staff_client(animator_a).get(f"{LISTING}edit/{actor.pk}/").status_code == 200

    other = staff_client(animator_b)
    html = other.get(LISTING).content.decode()
    assert "Suggestion d" not in html
    assert _denied(other.get(f"{LISTING}edit/{actor.pk}/"))
    assert _denied(other.post(f"{LISTING}edit/{actor.pk}/", {"name": "Piraté"}))
    assert _denied(other.get(f"{LISTING}delete/{actor.pk}/"))
    assert _denied(other.post(f"{LISTING}delete/{actor.pk}/"))
    assert _denied(other.get(f"{LISTING}history/{actor.pk}/"))
    actor.refresh_from_db()
    assert actor.name == "Suggestion d'Alpha"


def test_listing_filters_on_status(staff_client, animator_a, portal_a, make_actor):
    make_actor(portal_a, "Acteur publié")
    make_actor(portal_a, "Acteur suggéré", status=LocalActor.SUGGESTED)
    html = staff_client(animator_a).get(f"{LISTING}?status=suggested").content.decode()
    assert "Acteur suggéré" in html
    assert "Acteur publié" not in html


def test_residents_cannot_reach_the_listing(client, resident_a):
    client.force_login(resident_a)
    assert _denied(client.get(LISTING))


def test_edit_form_offers_only_own_portals_and_members(
    staff_client, animator_a, portal_a, make_actor
):
    actor = make_actor(portal_a, "Maison de quartier Alpha")
    html = staff_client(animator_a).get(f"{LISTING}edit/{actor.pk}/").content.decode()
    assert "Quartier Alpha" in html
    assert "Quartier Bêta" not in html
    assert "partenaire.alpha@example.org" in html
    assert "partenaire.beta@example.org" not in html


def test_animator_validates_a_suggestion_and_attaches_a_partner(
    staff_client,
    animator_a,
    portal_a,
    resident_a,
    make_actor,
    django_capture_on_commit_callbacks,
):
    from django.contrib.auth import get_user_model

    partner = get_user_model().objects.get(email="partenaire.alpha@example.org")
    actor = make_actor(
        portal_a,
        "Atelier vélo",
        status=LocalActor.SUGGESTED,
        suggested_by=resident_a,
        address="",
        postcode="",
    )
    data = {
        "portal": portal_a.pk,
        "status": LocalActor.PUBLISHED,
        "managers": [partner.pk],
        "name": "Atelier vélo",
        "slug": actor.slug,
        "kind": "association",
        "description": "",
        "address": "",
        "postcode": "",
        "town": "",
        "latitude": "",
        "longitude": "",
        "opening_hours": "",
        "phone": "",
        "email": "",
        "website": "",
        "facebook_url": "",
        "instagram_url": "",
        "mastodon_url": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client(animator_a).post(f"{LISTING}edit/{actor.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    actor.refresh_from_db()
    assert actor.status == LocalActor.PUBLISHED
    assert list(actor.managers.all()) == [partner]
    assert any(resident_a.email in m.to for m in mail.outbox)

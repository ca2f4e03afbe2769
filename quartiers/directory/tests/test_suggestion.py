"""A resident suggests an actor; the animators are told and decide in the admin."""

import pytest
from django.core import mail

from quartiers.directory import services
from quartiers.directory.models import LocalActor

pytestmark = pytest.mark.django_db

URL = "/alpha/acteurs/suggerer/"


def _form(**overrides):
    data = {
        "name": "Atelier vélo solidaire",
        "kind": "association",
        "description": "On répare les vélos ensemble.",
        "address": "3 rue des Lilas",
        "postcode": "93000",
        "town": "Bobigny",
        "latitude": "",
        "longitude": "",
        "opening_hours": "Samedi matin",
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


def test_visitor_is_sent_to_login(client, portal_a):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_resident_suggests_and_animators_are_emailed(
    client, portal_a, resident_a, django_capture_on_commit_callbacks
):
    client.force_login(resident_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _form())

    assert response.status_code == 302
    actor = LocalActor.objects.get(name="Atelier vélo solidaire")
    assert actor.portal == portal_a
    assert actor.status == LocalActor.SUGGESTED
    assert actor.suggested_by == resident_a
    recipients = {address for message in mail.outbox for address in message.to}
    assert "animation.alpha@example.org" in recipients
    assert "animation.beta@example.org" not in recipients
    assert (
        "Atelier vélo solidaire" not in client.get("/alpha/acteurs/").content.decode()
    )
    assert client.get(f"/alpha/acteurs/{actor.slug}/").status_code == 404


def test_the_participate_page_links_to_the_suggestion_form(client, portal_a):
    html = client.get("/alpha/participer/").content.decode()
    assert 'href="/alpha/acteurs/suggerer/"' in html


def test_non_member_is_asked_to_join(client, portal_b, resident_a):
    client.force_login(resident_a)
    html = client.get("/beta/acteurs/suggerer/").content.decode()
    assert "rejoignez d" in html.lower()
    response = client.post("/beta/acteurs/suggerer/", _form())
    assert response.status_code == 400
    assert not LocalActor.objects.filter(portal=portal_b).exists()


def test_outside_france_and_letters_in_phone_are_refused_and_kept(
    client, portal_a, resident_a
):
    client.force_login(resident_a)
    response = client.post(
        URL,
        _form(latitude="51.5074", longitude="-0.1278", phone="douze trente-quatre"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ces coordonnées ne sont pas en France" in html
    assert "numéro de téléphone avec des chiffres" in html
    assert 'value="Atelier vélo solidaire"' in html
    assert "On répare les vélos ensemble." in html
    assert not LocalActor.objects.filter(name="Atelier vélo solidaire").exists()


def test_one_coordinate_without_the_other_is_refused(client, portal_a, resident_a):
    client.force_login(resident_a)
    response = client.post(URL, _form(latitude="48.9"))
    assert response.status_code == 400
    assert (
        "la latitude et la longitude, ou aucune des deux" in response.content.decode()
    )


def test_suggestions_are_rate_limited(client, portal_a, resident_a, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "submission": (2, 3600),
    }
    client.force_login(resident_a)
    for number in range(2):
        assert client.post(URL, _form(name=f"Acteur {number}")).status_code == 302
    assert client.post(URL, _form(name="Un de trop")).status_code == 429


def test_slugs_never_shadow_the_sections_screens(portal_a, resident_a):
    first = services.actor_suggest(
        portal=portal_a, actor=resident_a, fields={"name": "Carte"}
    )
    second = services.actor_suggest(
        portal=portal_a, actor=resident_a, fields={"name": "Carte"}
    )
    assert first.slug == "carte-2" and second.slug == "carte-3"


def test_animator_publishes_and_the_resident_is_told(
    portal_a, animator_a, animator_b, resident_a, django_capture_on_commit_callbacks
):
    actor = services.actor_suggest(
        portal=portal_a, actor=resident_a, fields={"name": "Atelier vélo"}
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.actor_publish(portal=portal_a, actor=animator_b, actor_id=actor.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.actor_publish(portal=portal_a, actor=animator_a, actor_id=actor.pk)
    actor.refresh_from_db()
    assert actor.status == LocalActor.PUBLISHED
    assert any(
        resident_a.email in m.to and "maintenant dans l'annuaire" in m.body
        for m in mail.outbox
    )

"""Following a portal, its sections or one thing of it, with and without an
account, without JavaScript."""

import re
from html import unescape

import pytest
from django.core import mail

from quartiers.lettre.models import Follow, Subscriber

from .conftest import outbox_to

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_letter_and_each_section(client, portal_a):
    html = client.get("/alpha/suivre/").content.decode()
    assert 'value="portal:"' in html
    assert 'value="section:journal"' in html
    assert 'type="email"' in html  # a visitor gives an address


def test_a_resident_follows_sections_at_once(client, portal_a, resident_a):
    client.force_login(resident_a)
    response = client.post(
        "/alpha/suivre/", {"targets": ["portal:", "section:journal"]}
    )
    assert response.status_code == 200
    assert "C'est fait" in response.content.decode()
    follows = Follow.objects.filter(subscriber__user=resident_a)
    assert {(f.target, f.key) for f in follows} == {
        ("portal", ""),
        ("section", "journal"),
    }
    assert all(f.confirmed_at for f in follows)
    assert mail.outbox == []


def test_a_visitor_confirms_by_email_before_anything_is_sent(client, portal_a):
    response = client.post(
        "/alpha/suivre/", {"targets": ["portal:"], "email": "voisine@example.org"}
    )
    assert "Regardez vos emails" in response.content.decode()
    follow = Follow.objects.get(subscriber__email="voisine@example.org")
    assert follow.confirmed_at is None
    (message,) = outbox_to("voisine@example.org")
    link = re.search(r"(http\S+/compte/suivi/confirmer/\S+/)", message.body).group(1)
    path = link.split("testserver", 1)[-1].split("localhost:8000", 1)[-1]
    path = "/" + path.split("/", 3)[-1] if path.startswith("http") else path
    assert client.get(path).status_code == 200  # asks, confirms nothing
    follow.refresh_from_db()
    assert follow.confirmed_at is None
    response = client.post(path)
    assert response.status_code == 200
    follow.refresh_from_db()
    assert follow.confirmed_at is not None
    assert Subscriber.objects.get(email="voisine@example.org").is_confirmed


def test_a_forged_confirmation_link_is_refused_in_french(client):
    response = client.post("/compte/suivi/confirmer/pas-un-jeton/")
    assert response.status_code == 400
    assert "Ce lien n'est pas valide" in unescape(response.content.decode())


def test_one_follows_an_event_of_this_portal_only(
    client, portal_a, portal_b, make_event, resident_a
):
    event_b = make_event(portal_b, "Loto de Bêta")
    client.force_login(resident_a)
    html = client.get(f"/alpha/suivre/?cible=event&cle={event_b.pk}").content.decode()
    assert "Loto de Bêta" not in html
    response = client.post("/alpha/suivre/", {"targets": [f"event:{event_b.pk}"]})
    assert "Il y a un problème" in response.content.decode()
    assert not Follow.objects.filter(target="event").exists()
    event_a = make_event(portal_a, "Fête des voisins")
    html = client.get(f"/alpha/suivre/?cible=event&cle={event_a.pk}").content.decode()
    assert "Fête des voisins" in html
    client.post(
        f"/alpha/suivre/?cible=event&cle={event_a.pk}",
        {"targets": [f"event:{event_a.pk}"]},
    )
    assert Follow.objects.filter(
        target="event", key=str(event_a.pk), portal=portal_a
    ).exists()


def test_bad_input_gets_french_messages(client, portal_a):
    response = client.post("/alpha/suivre/", {"email": "pas-une-adresse"})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Cochez au moins une chose à suivre." in html
    assert "Cette adresse email n'est pas valide." in html


def test_following_is_rate_limited(client, portal_a, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "follow": (2, 3600),
    }
    for number in range(2):
        client.post(
            "/alpha/suivre/",
            {"targets": ["portal:"], "email": f"personne{number}@example.org"},
        )
    response = client.post(
        "/alpha/suivre/", {"targets": ["portal:"], "email": "encore@example.org"}
    )
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="encore@example.org").exists()


def test_preferences_change_the_frequency_and_remove_a_follow(
    client, portal_a, resident_a
):
    client.force_login(resident_a)
    client.post("/alpha/suivre/", {"targets": ["portal:", "section:journal"]})
    response = client.post("/compte/suivi/preferences/", {"frequency": "weekly"})
    assert "C'est enregistré." in response.content.decode()
    subscriber = Subscriber.objects.get(user=resident_a)
    assert subscriber.frequency == "weekly"
    follow = subscriber.follows.get(target="section")
    client.post("/compte/suivi/preferences/", {"remove": str(follow.pk)})
    assert not subscriber.follows.filter(pk=follow.pk).exists()
    assert subscriber.follows.filter(target="portal").exists()


def test_the_portal_home_invites_to_receive_the_letter(client, portal_a):
    html = client.get("/alpha/").content.decode()
    assert 'href="/alpha/suivre/"' in html
    assert 'href="/alpha/lettre/"' in html

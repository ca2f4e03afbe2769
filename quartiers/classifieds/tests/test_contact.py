"""Neighbours write to an ad's author through the platform, never seeing their address."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def ad(portal_a, resident_a, make_ad):
    return make_ad(portal_a, resident_a, "Perceuse à prêter")


@pytest.fixture
def sender(django_user_model):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="partenaire.alpha@example.org")


def _send(client, ad, message, capture):
    with capture(execute=True):
        return client.post(f"/alpha/annonces/{ad.pk}/contacter/", {"message": message})


def test_message_is_relayed_with_reply_to_and_the_address_stays_hidden(
    client, ad, sender, resident_a, django_capture_on_commit_callbacks
):
    client.force_login(sender)
    pages = [
        client.get(f"/alpha/annonces/{ad.pk}/"),
        client.get(f"/alpha/annonces/{ad.pk}/contacter/"),
        _send(
            client,
            ad,
            "Bonjour, je peux passer samedi ?",
            django_capture_on_commit_callbacks,
        ),
    ]
    assert [p.status_code for p in pages] == [200, 200, 200]
    assert "Message envoyé" in pages[2].content.decode()
    for response in pages:
        assert resident_a.email not in response.content.decode()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [resident_a.email]
    assert email.reply_to == [sender.email]
    assert "Bonjour, je peux passer samedi ?" in email.body
    assert "Perceuse à prêter" in email.subject


def test_visitors_must_log_in_to_write(client, ad):
    response = client.get(f"/alpha/annonces/{ad.pk}/contacter/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")
    assert (
        "Se connecter pour répondre"
        in client.get(f"/alpha/annonces/{ad.pk}/").content.decode()
    )


def test_one_cannot_write_to_ones_own_ad(
    client, ad, resident_a, django_capture_on_commit_callbacks
):
    client.force_login(resident_a)
    assert (
        "Écrire à la personne"
        not in client.get(f"/alpha/annonces/{ad.pk}/").content.decode()
    )
    response = _send(client, ad, "Moi-même", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert mail.outbox == []


def test_another_portals_or_offline_ad_cannot_be_contacted(
    client, ad, resident_b, portal_b, make_ad, sender
):
    client.force_login(sender)
    assert client.get(f"/beta/annonces/{ad.pk}/contacter/").status_code == 404
    done = make_ad(ad.portal, ad.author, "Fini", status="done")
    assert (
        client.post(
            f"/alpha/annonces/{done.pk}/contacter/", {"message": "Bonjour"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "message,reason",
    [
        ("Voir https://bit.ly/3abcd pour la photo", "lien raccourci"),
        ("Regardez tinyurl.com/xyz", "lien raccourci"),
        ("https://t.co/abc", "lien raccourci"),
        (
            "Voir https://a.example.org/1 https://b.example.org/2 https://c.example.org/3",
            "plus de 2 liens",
        ),
        ("Envoyez-moi le code de vérification reçu par SMS", "code de vérification"),
        ("Je paie par virement, donnez votre RIB", "virement"),
        ("Il me faut votre numéro de Carte Bancaire", "carte bancaire"),
        ("Quel est votre mot de passe ?", "mot de passe"),
    ],
)
def test_scam_looking_messages_are_refused_with_the_reason(
    client, ad, sender, message, reason, django_capture_on_commit_callbacks
):
    client.force_login(sender)
    response = _send(client, ad, message, django_capture_on_commit_callbacks)
    html = response.content.decode()
    assert response.status_code == 400
    assert reason in html
    assert message.split()[0] in html  # what was typed is kept
    assert mail.outbox == []


def test_two_ordinary_links_are_fine(
    client, ad, sender, django_capture_on_commit_callbacks
):
    client.force_login(sender)
    response = _send(
        client,
        ad,
        "Le modèle : https://fr.wikipedia.org/wiki/Perceuse et www.example.org/photo",
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1


def test_contact_is_rate_limited_per_sender(
    client,
    portal_a,
    resident_a,
    make_ad,
    sender,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "ad_contact": (2, 3600),
    }
    ads = [make_ad(portal_a, resident_a, f"Annonce {n}") for n in range(3)]
    client.force_login(sender)
    statuses = [
        _send(client, ad, "Bonjour", django_capture_on_commit_callbacks).status_code
        for ad in ads
    ]
    assert statuses == [200, 200, 429]
    assert len(mail.outbox) == 2


def test_contact_is_rate_limited_per_ad(
    client, ad, settings, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "ad_contact_ad": (2, 3600),
    }
    senders = get_user_model().objects.filter(
        email__in=[
            "partenaire.alpha@example.org",
            "animation.alpha@example.org",
            "habitant.beta@example.org",
        ]
    )
    statuses = []
    for person in senders:
        client.force_login(person)
        statuses.append(
            _send(client, ad, "Bonjour", django_capture_on_commit_callbacks).status_code
        )
    assert statuses == [200, 200, 429]

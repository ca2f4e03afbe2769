"""Mes notifications: replies, contributions' states, new posts of what one
follows; emailed at each person's frequency."""

import pytest
from django.core import mail

from quartiers.comments import services as comment_services
from quartiers.lettre import services, tasks
from quartiers.lettre.models import Follow, Notification, Subscriber
from quartiers.newsroom import selectors as news_selectors

from .conftest import outbox_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal_a(portal_a):
    return news_selectors.journal_of(portal_a)


def _article(journal, title="La fête des voisins"):
    from quartiers.newsroom.models import ArticlePage

    article = ArticlePage(title=title, slug="fete-des-voisins", chapo="Un chapeau.")
    journal.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_a_reply_to_my_comment_reaches_mes_notifications(
    client, portal_a, journal_a, resident_a, animator_a
):
    article = _article(journal_a)
    mine = comment_services.comment_create(
        portal=portal_a, actor=animator_a, page=article, body="Bravo à tous !"
    )
    comment_services.comment_create(
        portal=portal_a,
        actor=animator_a.__class__.objects.get(email="animation.alpha@example.org"),
        page=article,
        body="Moi-même",
        parent_id=mine.pk,
    )
    assert not Notification.objects.exists()  # answering oneself tells no one
    mine.author = resident_a
    mine.save()
    comment_services.comment_create(
        portal=portal_a,
        actor=animator_a,
        page=article,
        body="Merci !",
        parent_id=mine.pk,
    )
    client.force_login(resident_a)
    html = client.get("/compte/suivi/notifications/").content.decode()
    assert "a répondu à votre commentaire" in html
    assert "La fête des voisins" in html
    assert "Nouveau" in html
    client.post("/compte/suivi/notifications/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mes_notifications_needs_a_login(client):
    response = client.get("/compte/suivi/notifications/")
    assert response.status_code == 302


def test_followers_of_a_section_hear_of_a_new_article_at_their_frequency(
    portal_a, portal_b, journal_a
):
    now_people = services.subscriber_for_email("vite@example.org")
    now_people.frequency = Subscriber.IMMEDIATE
    now_people.save()
    daily = services.subscriber_for_email("chaque-jour@example.org")
    other_portal = services.subscriber_for_email("beta@example.org")
    other_portal.frequency = Subscriber.IMMEDIATE
    other_portal.save()
    unconfirmed = services.subscriber_for_email("pas-confirme@example.org")
    for subscriber, portal, confirmed in (
        (now_people, portal_a, True),
        (daily, portal_a, True),
        (other_portal, portal_b, True),
        (unconfirmed, portal_a, False),
    ):
        Follow.objects.create(
            subscriber=subscriber,
            portal=portal,
            target=Follow.SECTION,
            key="journal",
            confirmed_at="2026-01-01T00:00:00Z" if confirmed else None,
        )
    _article(journal_a, "Le marché de Noël")
    assert outbox_to("vite@example.org")
    assert "Le marché de Noël" in outbox_to("vite@example.org")[0].body
    assert not outbox_to("chaque-jour@example.org")
    assert not outbox_to("beta@example.org")
    assert not Notification.objects.filter(subscriber=other_portal).exists()
    assert not Notification.objects.filter(subscriber=unconfirmed).exists()
    # The daily digest goes with the periodic job, once.
    tasks.periodic.call()
    tasks.periodic.call()
    assert len(outbox_to("chaque-jour@example.org")) == 1


def test_an_event_proposal_decision_reaches_its_author(
    portal_a, resident_a, animator_a
):
    from quartiers.agenda import services as agenda_services
    from quartiers.agenda.tests.conftest import soon

    fields = agenda_services.EventFields(
        title="Atelier vélo", start=soon(5), place_name="Cour de l'école"
    )
    event = agenda_services.event_propose(
        portal=portal_a, actor=resident_a, fields=fields
    )
    assert event.status == "pending"
    agenda_services.event_set_status(
        portal=portal_a, actor=animator_a, event_id=event.pk, status="published"
    )
    notification = Notification.objects.get(subscriber__user=resident_a)
    assert notification.kind == "contribution"
    assert "Atelier vélo" in notification.title and "publié" in notification.title


def test_never_means_no_email(portal_a):
    subscriber = services.subscriber_for_email("jamais@example.org")
    subscriber.frequency = Subscriber.NEVER
    subscriber.save()
    services.notify(
        subscriber_ids=[subscriber.pk],
        portal=portal_a,
        kind=Notification.NEW_POST,
        title="Quelque chose",
        urgent=True,
    )
    tasks.periodic.call()
    assert not outbox_to("jamais@example.org")
    assert mail.outbox == [] or all(
        "jamais@example.org" not in m.to for m in mail.outbox
    )

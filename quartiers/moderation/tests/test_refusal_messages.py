"""Refusing an event, a suggested local actor or a blog post from the inbox:
the animator's word (optional for events and actors, needed for posts) is
kept, sent to the person, and shown in their "Mes contributions"."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry, PageLogEntry, WorkflowState

from quartiers.agenda import services as agenda_services
from quartiers.agenda.models import Event
from quartiers.blogs.models import Refusal
from quartiers.directory.models import LocalActor
from quartiers.portals import audit

from .test_inbox import _actor, _blog_post, _decide, _event

pytestmark = pytest.mark.django_db

CONTRIBUTIONS = "/compte/contributions/"


def _contributions(user, kind: str) -> str:
    client = Client()
    client.force_login(user)
    return client.get(f"{CONTRIBUTIONS}?type={kind}").content.decode()


def _mail_to(person) -> list:
    return [m for m in mail.outbox if person.email in m.to]


def test_an_event_refused_with_a_word_keeps_it_for_the_proposer(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    event = _event(portal_a, resident_a, "Loto géant")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(
            staff_client(animator_a),
            "evenements",
            event.pk,
            "refuse",
            "La salle est déjà prise ce soir-là.",
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.REFUSED
    assert event.moderation_note == "La salle est déjà prise ce soir-là."
    sent = _mail_to(resident_a)
    assert len(sent) == 1
    assert "La salle est déjà prise ce soir-là." in sent[0].body
    html = _contributions(resident_a, "event")
    assert "Loto géant" in html and "refusé" in html
    assert "La salle est déjà prise ce soir-là." in html


def test_an_event_may_be_refused_without_a_word(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    event = _event(portal_a, resident_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(staff_client(animator_a), "evenements", event.pk, "refuse", "")
    event.refresh_from_db()
    assert (event.status, event.moderation_note) == (Event.REFUSED, "")
    sent = _mail_to(resident_a)
    assert len(sent) == 1 and "n'a pas été retenu" in sent[0].subject


def test_an_event_refused_in_the_admin_form_sends_the_word_typed_there(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    """The snippet form has the same field: the decision carries it."""
    event = _event(portal_a, resident_a, "Tournoi de belote")
    event.status = Event.REFUSED
    event.moderation_note = "Doublon avec celui du club."
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.event_admin_save(
            portal=portal_a,
            actor=animator_a,
            event=event,
            fields=["status", "moderation_note"],
        )
    event.refresh_from_db()
    assert event.status == Event.REFUSED
    assert any("Doublon avec celui du club." in m.body for m in _mail_to(resident_a))
    logged = ModelLogEntry.objects.filter(action="quartiers.agenda.event_refuse")
    assert [audit.reason_of(e) for e in logged] == ["Doublon avec celui du club."]


def test_a_suggested_actor_refused_with_a_word(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    profile = _actor(portal_a, resident_a, "Épicerie du coin")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _decide(
            staff_client(animator_a),
            "acteurs",
            profile.pk,
            "refuse",
            "Elle a fermé en juin.",
        )
    profile.refresh_from_db()
    assert profile.status == LocalActor.REFUSED
    assert profile.moderation_note == "Elle a fermé en juin."
    sent = _mail_to(resident_a)
    assert len(sent) == 1 and "Elle a fermé en juin." in sent[0].body
    html = _contributions(resident_a, "actor")
    assert "Épicerie du coin" in html and "Elle a fermé en juin." in html


def test_the_confirmation_screen_asks_no_word_for_an_actor(
    staff_client, portal_a, resident_a, animator_a
):
    profile = _actor(portal_a, resident_a)
    html = _decide(
        staff_client(animator_a), "acteurs", profile.pk, "refuse", "", confirm=False
    ).content.decode()
    assert "Votre message à la personne (facultatif)" in html
    assert 'name="note"' in html


def test_a_blog_post_is_refused_from_the_inbox_with_a_word(
    staff_client, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    _blog, post = _blog_post(portal_a, resident_a, "Mon avis sur le marché")
    client = staff_client(animator_a)
    # Without a word: asked again on the second screen, nothing done.
    response = _decide(client, "billets", post.pk, "refuse", "")
    assert response.status_code == 200
    assert "Expliquez" in response.content.decode()
    assert not Refusal.objects.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(
            client,
            "billets",
            post.pk,
            "refuse",
            "Des propos blessants envers un voisin.",
        )
    assert response.status_code == 302
    assert not WorkflowState.objects.filter(
        object_id=str(post.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    post.refresh_from_db()
    assert not post.live
    sent = _mail_to(resident_a)
    assert len(sent) == 1
    assert "Des propos blessants envers un voisin." in sent[0].body
    entry = PageLogEntry.objects.get(action="quartiers.blogs.post_refuse")
    assert entry.page_id == post.pk and entry.user_id == animator_a.pk
    assert audit.reason_of(entry) == "Des propos blessants envers un voisin."
    html = _contributions(resident_a, "post")
    assert "Mon avis sur le marché" in html and "refusé" in html
    assert "Des propos blessants envers un voisin." in html


def test_posts_in_review_offer_the_refuse_button(
    staff_client, portal_a, resident_a, animator_a
):
    _blog_post(portal_a, resident_a)
    html = staff_client(animator_a).get("/admin/moderation/?type=billets")
    assert 'value="refuse"' in html.content.decode()

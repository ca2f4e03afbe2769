"""POST /reactions/pages/<id>/commenter/: who may comment, and what goes online."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from quartiers.accounts.models import Membership
from quartiers.comments.models import Comment

from .factories import comment

pytestmark = pytest.mark.django_db


def _url(page_id):
    return reverse("comments:create", args=[page_id])


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_resident_comment_waits_for_review_when_the_portal_reviews_first(
    client, journal_a, resident_a
):
    client.force_login(resident_a)
    response = client.post(_url(journal_a.pk), {"body": "Super idée, la fête !"})
    assert response.status_code == 302
    assert response["Location"].endswith("/alpha/journal/#commentaires")
    created = Comment.objects.get()
    assert created.status == Comment.PENDING
    assert created.portal_id == journal_a.get_parent().specific.portal.pk
    assert created.author == resident_a
    assert _messages(response) == [
        "Merci ! Votre commentaire sera visible après relecture."
    ]


def test_comment_goes_online_at_once_when_the_portal_moderates_afterwards(
    client, journal_a, portal_a, resident_a
):
    portal_a.moderation_mode = "after"
    portal_a.save()
    client.force_login(resident_a)
    response = client.post(_url(journal_a.pk), {"body": "Bravo"})
    created = Comment.objects.get()
    assert created.status == Comment.PUBLISHED
    assert response["Location"].endswith(f"#commentaire-{created.pk}")
    assert _messages(response) == ["Merci ! Votre commentaire est en ligne."]


@pytest.mark.parametrize("role", [Membership.TRUSTED, Membership.ANIMATOR])
def test_trusted_contributors_and_animators_publish_at_once(
    client, journal_a, portal_a, resident_a, role
):
    Membership.objects.filter(user=resident_a, portal=portal_a).update(role=role)
    client.force_login(resident_a)
    client.post(_url(journal_a.pk), {"body": "Rendez-vous samedi"})
    assert Comment.objects.get().status == Comment.PUBLISHED


def test_member_of_another_portal_may_comment_but_is_not_trusted(
    client, journal_a, portal_b, resident_b
):
    Membership.objects.filter(user=resident_b, portal=portal_b).update(
        role=Membership.TRUSTED
    )
    client.force_login(resident_b)
    assert client.post(_url(journal_a.pk), {"body": "Salut"}).status_code == 302
    assert Comment.objects.get().status == Comment.PENDING


def test_visitor_is_sent_to_log_in_and_nothing_is_saved(client, journal_a):
    response = client.post(_url(journal_a.pk), {"body": "Anonyme"})
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]
    assert not Comment.objects.exists()


def test_empty_comment_is_refused_in_french(client, journal_a, resident_a):
    client.force_login(resident_a)
    response = client.post(_url(journal_a.pk), {"body": "   "})
    assert response.status_code == 400
    assert "Votre commentaire est vide" in response.content.decode()
    assert not Comment.objects.exists()


def test_too_long_comment_is_refused_and_the_text_is_kept(
    client, journal_a, resident_a
):
    client.force_login(resident_a)
    body = "Un texte bien long. " * 300
    response = client.post(_url(journal_a.pk), {"body": body})
    html = response.content.decode()
    assert response.status_code == 400
    assert "trop long" in html
    assert "Un texte bien long." in html  # nothing typed is lost
    assert not Comment.objects.exists()


def test_five_thousand_characters_are_accepted(client, journal_a, resident_a):
    client.force_login(resident_a)
    response = client.post(_url(journal_a.pk), {"body": "a" * 5000})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "page_id", ["999999", "abc", "-1", "1e3", "99999999999999999999"]
)
def test_unknown_or_malformed_page_answers_404_in_french(client, resident_a, page_id):
    client.force_login(resident_a)
    response = client.post(f"/reactions/pages/{page_id}/commenter/", {"body": "x"})
    assert response.status_code == 404
    assert "ne reçoit pas de commentaires" in response.content.decode()


def test_page_that_does_not_take_comments_answers_404(client, portal_a, resident_a):
    client.force_login(resident_a)
    response = client.post(_url(portal_a.home_page_id), {"body": "Coucou"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_draft_page_answers_404(client, journal_a, resident_a):
    journal_a.live = False
    journal_a.save()
    client.force_login(resident_a)
    assert client.post(_url(journal_a.pk), {"body": "x"}).status_code == 404


def test_get_is_not_allowed(client, journal_a, resident_a):
    client.force_login(resident_a)
    assert client.get(_url(journal_a.pk)).status_code == 405


def test_reply_to_a_reply_joins_the_top_level_thread(
    client, journal_a, portal_a, resident_a, animator_a
):
    top = comment(journal_a, portal_a, animator_a, "Qui vient samedi ?")
    reply = comment(journal_a, portal_a, animator_a, "Moi !", parent=top)
    client.force_login(resident_a)
    client.post(_url(journal_a.pk), {"body": "Moi aussi", "parent": str(reply.pk)})
    created = Comment.objects.get(body="Moi aussi")
    assert created.parent_id == top.pk


def test_reply_to_a_comment_of_another_page_is_refused(
    client, journal_a, journal_b, portal_b, resident_a, animator_b
):
    elsewhere = comment(journal_b, portal_b, animator_b, "Ailleurs")
    client.force_login(resident_a)
    response = client.post(
        _url(journal_a.pk), {"body": "Réponse", "parent": str(elsewhere.pk)}
    )
    assert response.status_code == 400
    assert "existe plus sur cette page" in response.content.decode()
    assert not Comment.objects.filter(body="Réponse").exists()


@pytest.mark.parametrize("parent", ["abc", "0", "999999", "1.5"])
def test_malformed_parent_is_refused_in_french(client, journal_a, resident_a, parent):
    client.force_login(resident_a)
    response = client.post(_url(journal_a.pk), {"body": "R", "parent": parent})
    assert response.status_code == 400
    assert "existe plus sur cette page" in response.content.decode()


def test_commenting_is_rate_limited_per_account(
    client, journal_a, resident_a, settings
):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "comment": (3, 600),
    }
    client.force_login(resident_a)
    for number in range(3):
        assert (
            client.post(_url(journal_a.pk), {"body": f"n°{number}"}).status_code == 302
        )
    response = client.post(_url(journal_a.pk), {"body": "de trop"})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert Comment.objects.count() == 3

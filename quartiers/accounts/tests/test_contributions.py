"""Mes contributions: everything a person contributed to one of their
portals, each with its state and the animators' word, and nobody else's."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from conftest import make_user
from quartiers.accounts import services as account_services
from quartiers.agenda.models import Event
from quartiers.blogs import services as blog_services
from quartiers.blogs.models import BlogPostPage
from quartiers.classifieds.models import Ad
from quartiers.comments.models import Comment
from quartiers.moderation.models import Report
from quartiers.newsroom.models import Submission

pytestmark = pytest.mark.django_db

URL = "/compte/contributions/"


def _fill(portal, user, prefix):
    Submission.objects.create(
        portal=portal,
        author=user,
        title=f"{prefix} article",
        text="Texte.",
        status=Submission.CHANGES_REQUESTED,
        animator_message=f"{prefix} : ajoutez une photo.",
    )
    Ad.objects.create(
        portal=portal,
        author=user,
        kind="don",
        title=f"{prefix} annonce",
        text="Un vélo.",
        status=Ad.REFUSED,
        moderation_note=f"{prefix} : pas de vente d'animaux.",
    )
    Event.objects.create(
        portal=portal,
        created_by=user,
        title=f"{prefix} événement",
        slug=f"{prefix.lower()}-evenement",
        start=timezone.now() + timedelta(days=3),
        status=Event.PENDING,
    )
    Comment.objects.create(
        portal=portal,
        page=portal.home_page,
        author=user,
        body=f"{prefix} commentaire",
        status=Comment.HIDDEN,
    )
    Report.objects.create(
        portal=portal,
        target=portal.home_page,
        reporter=user,
        reporter_email=f"{prefix.lower()}.{user.email}",
        reason=Report.SPAM,
        status=Report.DISMISSED,
        decision_note=f"{prefix} : rien de contraire aux règles.",
    )


def test_lists_every_kind_with_state_and_message(client, resident_a, portal_a):
    _fill(portal_a, resident_a, "Alpha")
    client.force_login(resident_a)
    html = client.get(URL).content.decode()
    for text in (
        "Alpha article",
        "à revoir",
        "Alpha : ajoutez une photo.",
        "Alpha annonce",
        "refusé",
        "Alpha : pas de vente d&#x27;animaux.",
        "Alpha événement",
        "en attente",
        "Alpha commentaire",
        "masqué",
        "Spam ou publicité",
        "Alpha : rien de contraire aux règles.",
    ):
        assert text in html, text
    # A proposal sent back can be reworked; the refused ad can be changed.
    submission = Submission.objects.get(title="Alpha article")
    assert f"/alpha/participer/proposer/{submission.pk}/" in html
    ad = Ad.objects.get(title="Alpha annonce")
    assert f"/alpha/annonces/{ad.pk}/modifier/" in html


def test_never_shows_someone_elses(client, resident_a, resident_b, portal_a, portal_b):
    _fill(portal_a, resident_a, "Alpha")
    _fill(portal_b, resident_b, "Beta")
    # Resident A joins portal B too: B's items are still only B's resident's.
    account_services.membership_join(portal=portal_b, actor=resident_a)
    client.force_login(resident_a)
    html = client.get(URL + "?portail=beta").content.decode()
    assert "Beta article" not in html
    assert "Alpha article" not in html  # another portal than the one chosen
    assert "encore rien proposé dans ce quartier" in html
    html = client.get(URL + "?portail=alpha").content.decode()
    assert "Alpha article" in html and "Beta" not in html
    client.force_login(resident_b)
    html = client.get(URL).content.decode()
    assert "Beta article" in html and "Alpha article" not in html


def test_a_portal_one_is_not_member_of_is_never_shown(
    client, resident_a, resident_b, portal_b
):
    _fill(portal_b, resident_b, "Beta")
    client.force_login(resident_a)
    html = client.get(URL + "?portail=beta").content.decode()
    assert "Beta article" not in html
    assert "Quartier Alpha" in html


def test_filter_by_kind_and_bad_input(client, resident_a, portal_a):
    _fill(portal_a, resident_a, "Alpha")
    client.force_login(resident_a)
    html = client.get(URL + "?type=ad").content.decode()
    assert "Alpha annonce" in html and "Alpha article" not in html
    for query in ("?type=nope", "?page=abc", "?page=999", "?portail=inconnu"):
        assert client.get(URL + query).status_code == 200


def test_paginated_newest_first(client, resident_a, portal_a):
    for number in range(25):
        Ad.objects.create(
            portal=portal_a,
            author=resident_a,
            kind="don",
            title=f"Annonce numéro {number:02d}",
            text="x",
        )
    client.force_login(resident_a)
    first = client.get(URL).content.decode()
    assert "Annonce numéro 24" in first and "Annonce numéro 00" not in first
    assert "Page 1 sur 2" in first
    second = client.get(URL + "?portail=alpha&type=&page=2").content.decode()
    assert "Annonce numéro 00" in second and "Annonce numéro 24" not in second


def test_query_count_does_not_grow(
    client, resident_a, portal_a, django_assert_max_num_queries
):
    _fill(portal_a, resident_a, "Alpha")
    client.force_login(resident_a)
    client.get(URL)
    with django_assert_max_num_queries(30) as small:
        client.get(URL)
    for number in range(30):
        _fill(portal_a, resident_a, f"N{number}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(URL)


def test_blog_post_sent_back_shows_the_animators_word(
    client, resident_a, animator_a, portal_a
):
    blog_services.blog_open(
        portal=portal_a, actor=resident_a, title="Chez Awa", presentation=""
    )
    blog_services.post_save(
        portal=portal_a, actor=resident_a, title="Le vide-grenier", text="Dimanche."
    )
    post = BlogPostPage.objects.get(title="Le vide-grenier")
    state = WorkflowState.objects.filter(object_id=str(post.pk)).first()
    state.current_task_state.reject(user=animator_a, comment="Précise l'heure.")
    client.force_login(resident_a)
    html = client.get(URL + "?type=post").content.decode()
    assert "Le vide-grenier" in html
    assert "Précise l&#x27;heure." in html and "à revoir" in html
    assert f"/alpha/blogs/mon-blog/billets/{post.pk}/modifier/" in html


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]


def test_not_a_member_gets_a_kind_empty_state(client, db):
    user = make_user("seul@example.org")
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "Rejoindre un quartier" in html
    assert Page.objects.exists()

"""Replies from the fediverse that an animator published are shown under the
item they answer, after its comments: the remote account's name and a link
to it, the text cleaned again, the portal's answers; never a reply waiting
or refused, never under a hidden item, never under another item."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.federation import selectors, services
from quartiers.federation.models import FederatedObject, RemoteActor, RemoteReply
from quartiers.portals.features import registry

from .conftest import REMOTE


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.QUARTIERS_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def remote(db):
    return RemoteActor.objects.create(
        uri=f"{REMOTE}/users/alice",
        domain="masto.example",
        inbox=f"{REMOTE}/users/alice/inbox",
        username="alice",
        display_name="Alice <b>Martin</b>",
        profile_url="javascript:alert(1)",
        fetched_at=timezone.now(),
    )


def federated(item, kind, portal, base_url):
    return FederatedObject.objects.create(
        portal=portal,
        kind=kind,
        object_id=item.pk,
        ap_id=f"{base_url}/objet/{kind}/{item.pk}",
        digest="x",
    )


def reply(target, actor, number, text, status=RemoteReply.PENDING):
    return RemoteReply.objects.create(
        portal=target.portal,
        actor=actor,
        target=target,
        ap_id=f"{REMOTE}/statuses/{number}",
        url=f"{REMOTE}/@alice/{number}",
        content_html=text,
        status=status,
    )


@pytest.fixture
def article(build, portal_a, base_url):
    page = build.article(portal_a, "Le jardin partagé ouvre")
    return page, federated(page, "article", portal_a, base_url)


def test_a_reply_is_shown_once_an_animator_publishes_it(
    client, staff_client, animator_a, article, remote
):
    page, target = article
    waiting = reply(target, remote, 1, "<p>Bravo pour le jardin !</p>")
    html = client.get(page.url).content.decode()  # now in the page cache
    assert "Bravo pour le jardin" not in html

    staff = staff_client(animator_a)
    response = staff.post(
        f"/admin/fedivers/{target.portal.pk}/reponses/{waiting.pk}/",
        {"decision": "publier"},
    )
    assert response.status_code == 302
    staff.logout()

    html = client.get(page.url).content.decode()
    assert "Bravo pour le jardin" in html
    assert "1 réponse venue du fédivers" in html
    # After the residents' comments.
    assert html.index('id="commentaires"') < html.index('id="reponses-fedivers"')
    # The account: its name as plain text, its handle linking to it (the
    # javascript: profile address is not drawn), the message linking home.
    assert "Alice &lt;b&gt;Martin&lt;/b&gt;" in html
    assert f'<a href="{REMOTE}/users/alice" rel="nofollow noopener ugc">' in html
    assert "@alice@masto.example" in html
    assert "javascript:" not in html
    assert f'href="{REMOTE}/@alice/1"' in html


def test_waiting_and_refused_replies_and_other_items_replies_are_not_shown(
    client, build, portal_a, portal_b, article, remote, base_url
):
    page, target = article
    reply(target, remote, 1, "<p>En attente</p>")
    reply(target, remote, 2, "<p>Refusée</p>", status=RemoteReply.REJECTED)
    other = build.article(portal_a, "Un autre article")
    reply(
        federated(other, "article", portal_a, base_url),
        remote,
        3,
        "<p>Sous un autre article</p>",
        status=RemoteReply.PUBLISHED,
    )
    elsewhere = build.article(portal_b, "Chez les voisins")
    reply(
        federated(elsewhere, "article", portal_b, base_url),
        remote,
        4,
        "<p>Chez Bêta</p>",
        status=RemoteReply.PUBLISHED,
    )
    html = client.get(page.url).content.decode()
    for text in ("En attente", "Refusée", "Sous un autre article", "Chez Bêta"):
        assert text not in html
    assert 'id="reponses-fedivers"' not in html
    assert "Sous un autre article" in client.get(other.url).content.decode()


def test_remote_html_is_cleaned_again_when_shown(client, article, remote):
    page, target = article
    published = reply(target, remote, 1, "<p>Salut</p>", RemoteReply.PUBLISHED)
    # Stored before today's allow-list (or written by hand): cleaned on display.
    RemoteReply.objects.filter(pk=published.pk).update(
        content_html='<p onclick="x()">Salut <script>alert(1)</script>'
        '<a href="javascript:alert(2)">lien</a></p>'
    )
    html = client.get(page.url).content.decode()
    assert "Salut" in html
    assert "<script>alert(1)" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_the_portals_answer_is_shown_under_the_reply(client, article, remote):
    page, target = article
    waiting = reply(target, remote, 1, "<p>Une question ?</p>")
    services.reply_answer(
        portal=target.portal, reply_id=waiting.pk, text="Oui, samedi <b>à 10 h</b>."
    )
    html = client.get(page.url).content.decode()
    assert "Une question ?" in html
    assert "Oui, samedi &lt;b&gt;à 10 h&lt;/b&gt;." in html
    assert "L&#x27;équipe du quartier" in html or "L'équipe du quartier" in html


def test_replies_under_a_hidden_item_are_not_shown(article, remote):
    """Through the visibility rule, whoever draws the page (a preview)."""
    page, target = article
    reply(target, remote, 1, "<p>Visible</p>", RemoteReply.PUBLISHED)
    assert [r.ap_id for r in selectors.published_replies(page)] == [
        f"{REMOTE}/statuses/1"
    ]
    page.unpublish()
    assert selectors.published_replies(page) == []


def test_an_events_replies_are_shown_on_its_page(
    client, build, portal_a, remote, base_url
):
    event = build.event(portal_a, "Vide-grenier de la Source")
    target = federated(event, "event", portal_a, base_url)
    reply(target, remote, 1, "<p>On y sera !</p>", RemoteReply.PUBLISHED)
    html = client.get(
        registry.content_kind("event").to_item(event).url
    ).content.decode()
    assert "On y sera !" in html


def test_the_replies_cost_the_same_queries_however_many(article, remote):
    page, target = article

    def add(numbers):
        for number in numbers:
            published = reply(target, remote, number, "<p>Oui</p>", "published")
            services.reply_answer(
                portal=target.portal, reply_id=published.pk, text="Merci"
            )

    def queries():
        with CaptureQueriesContext(connection) as context:
            shown = selectors.published_replies(page)
            answers = sum(len(r.answers.all()) for r in shown)
        return len(context.captured_queries), answers

    add(range(3))
    few, answers = queries()
    assert answers == 3
    add(range(3, 30))
    assert queries() == (few, 30)


def test_a_page_with_no_reply_pays_one_query(article, django_assert_num_queries):
    page, _target = article
    with django_assert_num_queries(1):
        assert selectors.published_replies(page) == []

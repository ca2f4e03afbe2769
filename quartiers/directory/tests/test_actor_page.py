"""An actor's page: its details, the blocks other apps add, and nothing leaks."""

import json

import pytest

from quartiers.directory import extensions
from quartiers.directory.models import LocalActor
from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def _publish_article(portal, title, text):
    journal = newsroom_selectors.journal_of(portal)
    page = ArticlePage(
        title=title,
        body=json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}]),
    )
    journal.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_shows_the_details_with_links(client, portal_a, make_actor):
    actor = make_actor(
        portal_a,
        "Maison de quartier Alpha",
        description="Aide aux devoirs.\n\nAteliers couture.",
        opening_hours="Lundi : 9 h – 12 h",
        phone="01 39 90 12 34",
        email="accueil@example.org",
        website="https://maison.example.org",
        mastodon_url="https://mastodon.example/@maison",
    )

    html = client.get(f"/alpha/acteurs/{actor.slug}/").content.decode()

    assert "<h1>Maison de quartier Alpha</h1>" in html
    assert "<p>Aide aux devoirs.</p>" in html and "<p>Ateliers couture.</p>" in html
    assert 'href="tel:0139901234"' in html
    assert 'href="mailto:accueil@example.org"' in html
    assert 'href="https://maison.example.org"' in html
    assert "Mastodon" in html
    assert "Lundi : 9 h – 12 h" in html
    assert "2 place du Marché, 93000 Bobigny" in html


def test_another_portals_actor_and_unpublished_ones_answer_404(
    client, portal_a, portal_b, make_actor
):
    other = make_actor(portal_b, "Maison de quartier Bêta")
    pending = make_actor(portal_a, "En attente", status=LocalActor.SUGGESTED)
    refused = make_actor(portal_a, "Refusé", status=LocalActor.REFUSED)

    assert client.get(f"/alpha/acteurs/{other.slug}/").status_code == 404
    assert client.get(f"/alpha/acteurs/{pending.slug}/").status_code == 404
    assert client.get(f"/alpha/acteurs/{refused.slug}/").status_code == 404
    assert client.get("/alpha/acteurs/n-existe-pas/").status_code == 404
    assert client.get(f"/beta/acteurs/{other.slug}/").status_code == 200


def test_xss_in_the_description_never_reaches_the_page(client, portal_a, make_actor):
    actor = make_actor(
        portal_a,
        "Association <script>alert(1)</script>",
        slug="association-xss",
        description='<script>alert("x")</script><img src=x onerror=alert(1)>',
        opening_hours="<b onmouseover=alert(1)>9 h</b>",
    )

    for url in (
        f"/alpha/acteurs/{actor.slug}/",
        "/alpha/acteurs/",
        "/alpha/acteurs/carte/",
        "/alpha/",
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b onmouseover" not in html, url


def test_articles_that_mention_the_actor(client, portal_a, portal_b, make_actor):
    actor = make_actor(portal_a, "Épicerie solidaire Le Panier")
    _publish_article(
        portal_a, "Une rentrée chargée", "Merci à l'Épicerie solidaire Le Panier !"
    )
    _publish_article(portal_a, "Le Panier fête ses deux ans", "Bravo.")
    _publish_article(
        portal_a, "Épicerie solidaire Le Panier : portes ouvertes", "Venez."
    )
    _publish_article(portal_a, "Sans rapport", "Le marché du dimanche.")
    _publish_article(
        portal_b, "Épicerie solidaire Le Panier à Bêta", "Un autre quartier."
    )

    html = client.get(f"/alpha/acteurs/{actor.slug}/").content.decode()

    assert "Articles qui en parlent" in html
    assert "Une rentrée chargée" in html
    assert "portes ouvertes" in html
    assert "Sans rapport" not in html
    assert "fête ses deux ans" not in html
    assert "à Bêta" not in html


def test_no_article_no_block(client, portal_a, make_actor):
    actor = make_actor(portal_a, "Club de football")
    html = client.get(f"/alpha/acteurs/{actor.slug}/").content.decode()
    assert "Articles qui en parlent" not in html


def test_other_apps_add_blocks_through_the_extension_registry(
    client, portal_a, make_actor, monkeypatch
):
    monkeypatch.setattr(extensions, "_blocks", dict(extensions._blocks))
    extensions.register_actor_block(
        "test-events",
        "directory/includes/actor_articles.html",
        lambda actor, request: {"articles": []} if actor.name == "Avec bloc" else None,
        order=1,
    )
    shown = make_actor(portal_a, "Avec bloc")
    hidden = make_actor(portal_a, "Sans bloc")

    assert (
        "Articles qui en parlent"
        in client.get(f"/alpha/acteurs/{shown.slug}/").content.decode()
    )
    assert (
        "Articles qui en parlent"
        not in client.get(f"/alpha/acteurs/{hidden.slug}/").content.decode()
    )
    assert [b.key for b in extensions.actor_blocks()][:1] == ["test-events"]


def test_home_shows_a_few_actors(client, portal_a, portal_b, make_actor):
    for number in range(8):
        make_actor(portal_a, f"Association numéro {number}")
    make_actor(portal_b, "Association de Bêta")

    html = client.get("/alpha/").content.decode()

    assert "Quelques acteurs du quartier" in html
    assert 3 <= html.count("Association numéro") <= 6
    assert "Association de Bêta" not in html
    assert "Association numéro" not in client.get("/beta/").content.decode()

"""The directory lists the portal's published actors: filter, search, pages."""

import pytest

from quartiers.directory.models import LocalActor

pytestmark = pytest.mark.django_db


def test_lists_only_published_actors_of_the_portal(
    client, portal_a, portal_b, make_actor
):
    make_actor(portal_a, "Maison de quartier Alpha")
    make_actor(portal_a, "Suggestion en attente", status=LocalActor.SUGGESTED)
    make_actor(portal_a, "Acteur refusé", status=LocalActor.REFUSED)
    make_actor(portal_b, "Maison de quartier Bêta")

    html = client.get("/alpha/acteurs/").content.decode()

    assert "Maison de quartier Alpha" in html
    assert "Suggestion en attente" not in html
    assert "Acteur refusé" not in html
    assert "Maison de quartier Bêta" not in html
    assert "/alpha/acteurs/maison-de-quartier-alpha/" in html


def test_filters_by_kind_with_plain_links(client, portal_a, make_actor):
    make_actor(portal_a, "Pharmacie du Marché", kind=LocalActor.SHOP)
    make_actor(portal_a, "Centre social", kind=LocalActor.PUBLIC_SERVICE)

    html = client.get("/alpha/acteurs/?type=commerce").content.decode()

    assert "Pharmacie du Marché" in html
    assert "Centre social" not in html
    assert 'href="/alpha/acteurs/?type=service-public"' in html
    assert client.get("/alpha/acteurs/?type=n-existe-pas").status_code == 200


def test_searches_by_name(client, portal_a, make_actor):
    make_actor(portal_a, "Épicerie solidaire Le Panier")
    make_actor(portal_a, "Club de football")

    html = client.get("/alpha/acteurs/?q=panier").content.decode()

    assert "Épicerie solidaire Le Panier" in html
    assert "Club de football" not in html
    assert 'value="panier"' in html
    empty = client.get("/alpha/acteurs/?q=introuvable").content.decode()
    assert "Aucun acteur ne correspond" in empty


def test_paginates_and_keeps_the_filters(client, portal_a, bulk_actors):
    bulk_actors(portal_a, 45)

    html = client.get("/alpha/acteurs/?q=acteur&page=2").content.decode()

    assert "Page 2 sur 3" in html
    assert "Acteur 0020" in html and "Acteur 0019" not in html
    assert "?q=acteur&amp;page=3" in html or "?q=acteur&page=3" in html
    assert client.get("/alpha/acteurs/?page=999").status_code == 200
    assert client.get("/alpha/acteurs/?page=abc").status_code == 200


def test_disabled_section_answers_404(client, portal_a):
    portal_a.enabled_sections = [k for k in portal_a.enabled_sections if k != "acteurs"]
    portal_a.save()
    assert client.get("/alpha/acteurs/").status_code == 404


def test_queries_do_not_grow_with_the_number_of_actors(
    client, portal_a, make_actor, bulk_actors, count_queries
):
    actor = make_actor(portal_a, "Maison de quartier Alpha")
    bulk_actors(portal_a, 2)
    urls = [
        "/alpha/acteurs/",
        "/alpha/acteurs/?type=association&q=a",
        "/alpha/acteurs/carte/",
        f"/alpha/acteurs/{actor.slug}/",
        "/alpha/",
    ]
    small = [count_queries(client, url) for url in urls]

    bulk_actors(portal_a, 4997, start=100)
    large = [count_queries(client, url) for url in urls]

    assert small == large
    # The portal home (last) gathers a block from every section.
    assert max(large[:-1]) <= 20
    assert large[-1] <= 35

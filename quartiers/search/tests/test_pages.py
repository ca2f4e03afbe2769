"""The search pages: filters, order, pages, highlights, suggestions, bad input."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.classifieds.models import Ad

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.search.tests.urls")]


def test_portal_page_lists_results_with_type_portal_date_and_link(
    client, portal_a, article
):
    page = article(portal_a, "Fresque au gymnase", "Les jeunes ont peint le mur.")
    response = client.get("/alpha/recherche/", {"q": "fresques"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert f'href="/alpha/journal/{page.slug}/"' in html
    assert "<mark>Fresque</mark> au gymnase" in html
    assert "Article" in html
    assert "1 résultat pour « fresques »" in html


def test_network_page_names_the_portal_of_each_result(client, portal_a, portal_b, ad):
    ad(portal_a, "Perceuse à prêter")
    ad(portal_b, "Perceuse à vendre")
    html = client.get("/recherche/", {"q": "perceuse"}).content.decode()
    assert "Quartier Alpha" in html and "Quartier Bêta" in html
    assert "2 résultats" in html


def test_highlighting_is_html_safe(client, portal_a, ad):
    ad(portal_a, "<script>alert('vélo')</script> Vélo rouge", "<b>vélo</b> & casque")
    html = client.get("/alpha/recherche/", {"q": "vélo"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;<mark>vélo</mark>&#x27;)&lt;/script&gt;" in html
    assert "<b>vélo</b>" not in html


def test_type_filter_and_counts(client, portal_a, ad, article):
    ad(portal_a, "Trottinette à donner")
    ad(portal_a, "Trottinette cassée")
    article(portal_a, "La trottinette électrique, danger ?")
    html = client.get("/alpha/recherche/", {"q": "trottinette"}).content.decode()
    assert "Tout (3)" in html
    assert "Petites annonces (2)" in html
    assert "Articles (1)" in html
    html = client.get(
        "/alpha/recherche/", {"q": "trottinette", "type": "article"}
    ).content.decode()
    assert "danger" in html and "à donner" not in html
    # An unknown type is ignored, never an error.
    response = client.get("/alpha/recherche/", {"q": "trottinette", "type": "x' OR 1"})
    assert response.status_code == 200
    assert "Tout (3)" in response.content.decode()


def test_sorting_by_relevance_or_date(portal_a, ad):
    from quartiers.search import selectors

    old = ad(portal_a, "Lampe lampe lampe", "Une lampe, la lampe, des lampes.")
    new = ad(portal_a, "Table et lampe")
    Ad.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=9))
    by_relevance = selectors.search(portal=portal_a, raw_query="lampe")
    assert [r.item.id for r in by_relevance.page.object_list] == [old.pk, new.pk]
    by_date = selectors.search(portal=portal_a, raw_query="lampe", sort="date")
    assert [r.item.id for r in by_date.page.object_list] == [new.pk, old.pk]
    # An unknown order falls back to relevance.
    other = selectors.search(portal=portal_a, raw_query="lampe", sort="rowid; --")
    assert other.sort == selectors.RELEVANCE


def test_pagination_keeps_the_query(client, portal_a, ad):
    for number in range(23):
        ad(portal_a, f"Livre numéro {number}")
    html = client.get(
        "/alpha/recherche/", {"q": "livre", "tri": "date"}
    ).content.decode()
    assert "Page 1 sur 3" in html
    assert "?q=livre&amp;tri=date&amp;page=2" in html
    html = client.get(
        "/alpha/recherche/", {"q": "livre", "tri": "date", "page": "3"}
    ).content.decode()
    assert html.count('class="search-result"') == 3


@pytest.mark.parametrize(
    "params",
    [
        {"q": "livre", "page": "99999999999999999999999"},
        {"q": "livre", "page": "-3"},
        {"q": "livre", "page": "deux"},
        {"q": "livre " * 2000},
        {"q": 'NEAR(("" *) AND OR - : ^ {title} "'},
        {"q": "*"},
        {"q": ""},
        {"q": "   \t  "},
        {"q": "le la les des"},
        {"q": "'; DROP TABLE wagtailsearch_indexentry; --"},
        {"q": "a" * 10_000},
        {"q": "livre", "type": "ad", "tri": "date", "page": "0"},
    ],
)
def test_bad_queries_never_fail(client, portal_a, ad, params):
    for number in range(3):
        ad(portal_a, f"Livre numéro {number}")
    for path in ("/alpha/recherche/", "/recherche/"):
        response = client.get(path, params)
        assert response.status_code == 200, params


def test_bad_queries_get_a_plain_message(client, portal_a):
    html = client.get(
        "/alpha/recherche/", {"q": '"" AND OR NEAR ( ) *'}
    ).content.decode()
    assert "aucun mot que nous savons chercher" in html
    html = client.get("/alpha/recherche/", {"q": "vélo " * 3000}).content.decode()
    assert "seuls ses premiers mots" in html
    html = client.get("/alpha/recherche/").content.decode()
    assert "Tapez un ou plusieurs mots" in html


def test_nul_character_is_refused_plainly(client, portal_a):
    response = client.get("/alpha/recherche/?q=v%00lo")
    assert response.status_code == 400


def test_suggests_a_close_word_when_nothing_is_found(client, portal_a, portal_b, ad):
    ad(portal_a, "Bibliothèque à donner")
    html = client.get("/alpha/recherche/", {"q": "biblioteque"}).content.decode()
    assert "Aucun résultat pour « biblioteque »" in html
    assert 'Vouliez-vous dire <a href="?q=biblioth%C3%A8que">bibliothèque</a>' in html
    # A close word that finds nothing in this portal is not proposed.
    html = client.get("/beta/recherche/", {"q": "biblioteque"}).content.decode()
    assert "Vouliez-vous dire" not in html


def test_search_page_queries_do_not_grow_with_matches(client, portal_a, ad, article):
    def count(q):
        client.get("/alpha/recherche/", {"q": q})  # warm caches (content types...)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/alpha/recherche/", {"q": q})
        assert response.status_code == 200
        return len(queries)

    ad(portal_a, "Chaise pliante")
    article(portal_a, "Des chaises pour la salle")
    few = count("chaise")
    for number in range(30):
        ad(portal_a, f"Chaise numéro {number}")
    for number in range(5):
        article(portal_a, f"Encore des chaises {number}")
    assert count("chaise") == few


def test_network_search_is_rate_limited(client, settings, portal_a):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "search": (2, 60),
    }
    assert client.get("/recherche/", {"q": "vélo"}).status_code == 200
    assert client.get("/recherche/", {"q": "vélo"}).status_code == 200
    assert client.get("/recherche/", {"q": "vélo"}).status_code == 429
    # Searching one portal is not limited.
    assert client.get("/alpha/recherche/", {"q": "vélo"}).status_code == 200


def test_network_page_queries_do_not_grow_with_matches(client, portal_a, portal_b, ad):
    def count(q):
        client.get("/recherche/", {"q": q})
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/recherche/", {"q": q}).status_code == 200
        return len(queries)

    ad(portal_a, "Ballon de foot")
    ad(portal_b, "Ballon de basket")
    few = count("ballon")
    for number in range(20):
        ad(portal_a if number % 2 else portal_b, f"Ballon numéro {number}")
    assert count("ballon") == few


def test_only_a_bounded_number_of_matches_is_ranked(
    client, settings, monkeypatch, portal_a, ad, article
):
    """A word found everywhere costs the same as a rare one: each kind's part
    of the full-text query stops at its share of
    QUARTIERS_SEARCH_MAX_CANDIDATES (its most recent matches), the page says
    so, and choosing the kind gives it the whole limit."""
    from quartiers.search import selectors

    settings.QUARTIERS_SEARCH_MAX_CANDIDATES = 5
    monkeypatch.setattr(selectors, "MIN_PER_KIND", 2)
    article(portal_a, "Le quartier en fête")
    ads = [ad(portal_a, f"Quartier : annonce {number}") for number in range(8)]
    html = client.get("/alpha/recherche/", {"q": "quartier"}).content.decode()
    assert html.count('class="search-result"') == 3  # 2 ads (the newest), 1 article
    assert "Plus de 3 résultats" in html
    assert "Tout (3+)" in html and "Petites annonces (2+)" in html
    assert "Articles (1)" in html
    assert f"/alpha/annonces/{ads[-1].pk}/" in html
    assert f"/alpha/annonces/{ads[0].pk}/" not in html  # the oldest
    html = client.get(
        "/alpha/recherche/", {"q": "quartier", "type": "ad"}
    ).content.decode()
    assert html.count('class="search-result"') == 5
    assert "Plus de 5 résultats" in html

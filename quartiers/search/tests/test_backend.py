"""The French backend behind Wagtail: admin searches, own domains, vocabulary."""

import pytest

from quartiers.search import vocabulary
from quartiers.search.models import Word

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.search.tests.urls")]


@pytest.mark.parametrize(
    "listing, q",
    [
        ("/admin/snippets/classifieds/ad/", "velos"),
        ("/admin/snippets/directory/localactor/", "Associations"),
        ("/admin/snippets/agenda/event/", "atelier"),
    ],
)
def test_admin_snippet_searches_still_work_in_french(
    staff_client, coordinator, portal_a, ad, actor, event, listing, q
):
    ad(portal_a, "Vélo d'enfant")
    actor(portal_a, "Association des locataires")
    event(portal_a, "Atelier vélo")
    response = staff_client(coordinator).get(listing, {"q": q})
    assert response.status_code == 200


def test_admin_snippet_search_finds_plurals_and_accents(
    staff_client, coordinator, portal_a, ad
):
    ad(portal_a, "Vélo d'enfant")
    ad(portal_a, "Table basse")
    html = (
        staff_client(coordinator)
        .get("/admin/snippets/classifieds/ad/", {"q": "velos"})
        .content.decode()
    )
    assert "Vélo d&#x27;enfant" in html and "Table basse" not in html


def test_admin_page_search_finds_french_forms(
    staff_client, coordinator, portal_a, article
):
    article(portal_a, "Les écoles du quartier")
    html = (
        staff_client(coordinator)
        .get("/admin/pages/search/", {"q": "ecole"})
        .content.decode()
    )
    assert "Les écoles du quartier" in html


def test_own_domain_search_is_the_portals(client, coordinator, portal_a, portal_b, ad):
    from quartiers.portals import services

    services.portal_set_domain(
        portal=portal_a, actor=coordinator, hostname="alpha.example.org"
    )
    ad(portal_a, "Scooter Alpha")
    ad(portal_b, "Scooter Bêta")
    html = client.get(
        "/recherche/", {"q": "scooter"}, HTTP_HOST="alpha.example.org"
    ).content.decode()
    assert "<mark>Scooter</mark> Alpha" in html
    assert "Bêta</a>" not in html
    assert 'action="/recherche/"' in html


def test_vocabulary_counts_documents_and_finds_close_words(portal_a, ad):
    ad(portal_a, "Bibliothèque en chêne", "Une bibliothèque, bibliothèque !")
    word = Word.objects.get(word="bibliotheque")
    assert word.spelling == "bibliothèque" and word.frequency >= 1
    assert vocabulary.closest("biblioteque").spelling == "bibliothèque"
    assert (
        vocabulary.closest("chene") is None
        or vocabulary.closest("chene").word != "chene"
    )
    assert vocabulary.closest("zzzzzz") is None
    assert vocabulary.distance("chien", "chine") == 1  # a swap is one edit


def test_postgresql_gets_the_recent_entries_index():
    """Public search relies on it to stop at each kind's newest matches."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (SQLite's FTS5 walks rowids in order)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["search_indexentry_kind_recent"],
        )
        (definition,) = cursor.fetchone()
    assert "(content_type_id, id)" in definition

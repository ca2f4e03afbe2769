"""No request, however malformed, produces a 500 (run on SQLite and PostgreSQL)."""

import pytest

pytestmark = pytest.mark.django_db
BIG = "99999999999999999999999"
URLS = [
    f"/alpha/annonces/{BIG}/",
    f"/alpha/annonces/{BIG}/contacter/",
    f"/alpha/annonces/{BIG}/modifier/",
    f"/alpha/annonces/{BIG}/prolonger/abc/",
    f"/alpha/participer/proposer/{BIG}/",
    f"/alpha/blogs/mon-blog/billets/{BIG}/modifier/",
    f"/reactions/signaler/page/{BIG}/",
    f"/reactions/signaler/commentaire/{BIG}/",
    f"/reactions/signaler/annonce/{BIG}/",
    f"/reactions/pages/{BIG}/commenter/",
    f"/alpha/agenda/mois/{BIG}/01/",
    f"/alpha/agenda/mois/2026/{BIG}/",
    "/alpha/agenda/?page=-1",
    "/alpha/agenda/?page=abc",
    "/alpha/annonces/?page=99999999999999999999",
    "/alpha/journal/?page=0",
    "/alpha/annonces/?q=" + "x" * 10000,
    "/alpha/acteurs/?q=%00",
    "/alpha/acteurs/?type=%ff",
    "/alpha/agenda.ics?categorie=" + "z" * 5000,
    "/alpha/agenda.ics?acteur=%00",
    "/?page=abc",
    "/?page=-5",
    f"/admin/quartiers/{BIG}/reglages/",
    f"/admin/quartiers/1/membres/{BIG}/role/",
    f"/admin/journal/propositions/{BIG}/refuser/",
    f"/admin/annonces/{BIG}/publier/",
    f"/admin/snippets/directory/localactor/edit/{BIG}/",
    f"/admin/snippets/agenda/event/edit/{BIG}/",
    f"/admin/snippets/newsroom/rubrique/edit/{BIG}/",
    "/compte/signup/?portail=" + "a" * 500,
    "/alpha/journal/?rubrique=%00",
    "/alpha/annonces/?categorie=%00&type=%00",
]


@pytest.mark.parametrize("url", URLS)
def test_malformed_requests_never_produce_a_500(staff_client, coordinator, url):
    c = staff_client(coordinator)
    for method in ("get", "post"):
        r = getattr(c, method)(url)
        assert r.status_code < 500, (method, url, r.status_code)


def test_a_nul_character_gets_a_plain_400(client, portal_a):
    response = client.get("/alpha/acteurs/?q=%00")
    assert response.status_code == 400
    assert "Demande incorrecte" in response.content.decode()
    response = client.post(
        "/compte/login/", {"login": "a\x00@example.org", "password": "x"}
    )
    assert response.status_code == 400

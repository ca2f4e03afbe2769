"""The public API: what partners' sites and apps rely on."""

from datetime import date, timedelta

import pytest
from django.test import override_settings
from wagtail.models import Page

from quartiers.agenda.tests.conftest import bulk_events
from quartiers.newsroom.selectors import journal_of
from tests.factories import bulk_articles


def get(client, url, **headers):
    return client.get(url, **{f"HTTP_{k.upper()}": v for k, v in headers.items()})


def test_portals_are_listed_with_their_addresses(client, portal_a, portal_b):
    response = client.get("/api/v1/portals")
    assert response.status_code == 200
    slugs = [row["slug"] for row in response.json()["results"]]
    assert {"alpha", "beta"} <= set(slugs)
    alpha = client.get("/api/v1/portals/alpha").json()
    assert alpha["name"] == "Quartier Alpha"
    assert alpha["url"] == "http://testserver/alpha/"
    assert "journal" in alpha["sections"]


def test_unknown_portal_is_a_404_with_a_message(client, db):
    response = client.get("/api/v1/portals/nulle-part")
    assert response.status_code == 404
    assert "Quartier inconnu" in response.json()["detail"]


@pytest.fixture
def articles(portal_a, portal_b):
    bulk_articles(journal_of(portal_a), 3)
    bulk_articles(journal_of(portal_b), 2, start=100)


def test_articles_are_scoped_to_the_portal_asked_for(client, articles):
    alpha = client.get("/api/v1/articles?portal=alpha").json()["results"]
    assert len(alpha) == 3
    assert {row["portal"] for row in alpha} == {"alpha"}
    network = client.get("/api/v1/articles").json()["results"]
    assert {row["portal"] for row in network} == {"alpha", "beta"}
    one = alpha[0]
    detail = client.get(f"/api/v1/articles/{one['id']}").json()
    assert detail["title"] == one["title"]
    assert detail["url"].startswith("http://testserver/alpha/journal/")


def test_drafts_are_never_served(client, articles, portal_a):
    first = client.get("/api/v1/articles?portal=alpha").json()["results"][0]
    Page.objects.filter(pk=first["id"]).update(live=False)
    ids = [row["id"] for row in client.get("/api/v1/articles").json()["results"]]
    assert first["id"] not in ids
    assert client.get(f"/api/v1/articles/{first['id']}").status_code == 404


def test_a_section_switched_off_hides_its_items(client, articles, portal_a):
    portal_a.enabled_sections = [k for k in portal_a.enabled_sections if k != "journal"]
    portal_a.save()
    assert client.get("/api/v1/articles?portal=alpha").json()["results"] == []
    portals = {
        row["portal"] for row in client.get("/api/v1/articles").json()["results"]
    }
    assert "alpha" not in portals


def test_pages_link_to_each_other(client, articles):
    first = client.get("/api/v1/articles?limit=2").json()
    assert len(first["results"]) == 2
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["page"] == 2
    assert not {r["id"] for r in first["results"]} & {
        r["id"] for r in second["results"]
    }


def test_article_list_costs_the_same_queries_for_few_or_many(
    client, portal_a, django_assert_max_num_queries
):
    journal = journal_of(portal_a)
    bulk_articles(journal, 3)
    # Once warm (lookups kept in the cache after a first request).
    client.get("/api/v1/portals")
    with django_assert_max_num_queries(60) as few:
        client.get("/api/v1/articles?portal=alpha&limit=100")
    bulk_articles(journal, 60, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get("/api/v1/articles?portal=alpha&limit=100")
    assert len(response.json()["results"]) == 63
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    "url, words",
    [
        ("/api/v1/articles?couleur=rouge", "Filtre inconnu"),
        ("/api/v1/articles?limit=1000000000", "limit"),
        ("/api/v1/articles?page=-1", "page"),
        ("/api/v1/articles?page=abc", "page"),
        ("/api/v1/articles?since=2026-13-45", "since"),
        ("/api/v1/articles?since=2026-05-01&until=2026-04-01", "à l'envers"),
        ("/api/v1/articles?portal=" + "x" * 10_000, "portal"),
        ("/api/v1/occurrences?from=2020-01-01&to=2030-01-01", "trop longue"),
        ("/api/v1/occurrences?from=hier", "from"),
        ("/api/v1/articles/99999999999999999999", "item_id"),
        # Ads have no keywords: their list does not offer the filter.
        ("/api/v1/ads?tag=velo", "Filtre inconnu : tag"),
        ("/api/v1/articles?page=1&page=2", "plusieurs fois : page"),
        ("/api/v1/articles?since=1700000000", "AAAA-MM-JJ"),
        ("/api/v1/articles?since=2026-1-5", "AAAA-MM-JJ"),
        ("/api/v1/articles?%00=1", "illisible"),
        ("/api/v1/articles?portal=a%00b", "illisible"),
    ],
)
def test_bad_parameters_get_a_400_with_a_clear_message(client, db, url, words):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert words in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/occurrences?from=9999-12-31",
        "/api/v1/occurrences?from=0001-01-01&to=0001-02-01",
        "/api/v1/articles?until=9999-12-31",
        "/api/v1/articles?since=0001-01-01",
    ],
)
def test_far_dates_are_read_as_the_nearest_bound(client, articles, url):
    """Any date the schema allows is answered: years before 1900 or after
    2200 are read as 1900 or 2200, never an error."""
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response.json()["page"] == 1


def test_unknown_addresses_answer_json(client, db):
    response = client.get("/api/v1/nulle-part/")
    assert response.status_code == 404
    assert "Rien ici" in response.json()["detail"]


def test_events_have_their_dates_in_a_window(client, portal_a, portal_b):
    bulk_events(portal_a, 3, start_in_days=2, prefix="alpha")
    bulk_events(portal_b, 2, start_in_days=2, prefix="beta")
    today = date.today()
    window = f"from={today}&to={today + timedelta(days=10)}"
    rows = client.get(f"/api/v1/occurrences?portal=alpha&{window}").json()["results"]
    assert len(rows) == 3
    assert {row["portal"] for row in rows} == {"alpha"}
    assert rows[0]["url"].startswith("http://testserver/alpha/agenda/")
    later = f"from={today + timedelta(days=20)}&to={today + timedelta(days=30)}"
    assert client.get(f"/api/v1/occurrences?{later}").json()["results"] == []


def test_reads_are_open_to_every_site_and_cacheable(client, articles):
    response = client.get("/api/v1/articles")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    assert response["Last-Modified"]
    assert not response.cookies
    again = get(client, "/api/v1/articles", if_none_match=response["ETag"])
    assert again.status_code == 304
    preflight = client.options("/api/v1/articles")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_writes_are_refused(client, db):
    response = client.post("/api/v1/articles", {"title": "x"})
    assert response.status_code == 405
    assert "lit seulement" in response.json()["detail"]


@override_settings(QUARTIERS_RATE_LIMITS={"api": (3, 60)})
def test_too_many_requests_get_a_429_with_retry_after(client, db):
    for _ in range(3):
        assert client.get("/api/v1/portals").status_code == 200
    response = client.get("/api/v1/portals")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Trop de requêtes" in response.json()["detail"]


def test_the_schema_and_its_documentation_page(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/articles" in schema["paths"]
    assert "/api/v1/occurrences" in schema["paths"]
    page = client.get("/api/v1/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/v1/articles" in html
    assert "<h1>" in html


def _show(portal, title):
    from quartiers.radio import selectors as radio_selectors
    from quartiers.radio.models import ShowPage

    radio = radio_selectors.radio_of(portal)
    show = ShowPage(title=title, slug=title.lower().replace(" ", "-"), hosts="Fatou")
    radio.add_child(instance=show)
    show.save_revision().publish()
    return show


def test_radio_shows_are_listed_with_their_podcast(client, portal_a, portal_b):
    _show(portal_a, "Les Voix Alpha")
    _show(portal_b, "Les Voix Beta")
    rows = client.get("/api/v1/shows?portal=alpha").json()["results"]
    assert [row["title"] for row in rows] == ["Les Voix Alpha"]
    assert rows[0]["podcast_url"].endswith("/alpha/radio/les-voix-alpha/podcast.xml")
    assert client.get(f"/api/v1/shows/{rows[0]['id']}").json()["hosts"] == "Fatou"
    assert client.get("/api/v1/shows?couleur=1").status_code == 400


def test_article_photos_cost_no_query_per_article(
    client, portal_a, django_assert_max_num_queries
):
    from wagtail.images.tests.utils import get_test_image_file

    from quartiers.newsroom.models import ArticlePage
    from quartiers.uploads.models import PortalImage

    image = PortalImage.objects.create(
        title="Photo", file=get_test_image_file(), collection=portal_a.collection
    )
    journal = journal_of(portal_a)
    bulk_articles(journal, 2)
    ArticlePage.objects.update(cover=image)
    client.get("/api/v1/portals")  # once warm, as above
    with django_assert_max_num_queries(60) as few:
        client.get("/api/v1/articles?portal=alpha")
    bulk_articles(journal, 8, start=2)
    ArticlePage.objects.update(cover=image)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = client.get("/api/v1/articles?portal=alpha").json()["results"]
    assert len(rows) == 10
    assert all(row["image_url"] for row in rows)

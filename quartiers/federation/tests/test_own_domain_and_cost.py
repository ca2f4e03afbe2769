"""A portal on its own domain keeps one identity; the outbox costs the same
number of queries for a few items or many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

ACCEPT = {"HTTP_ACCEPT": "application/activity+json"}


def _own_domain(portal, settings):
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.create(hostname="alpha.example", port=80, root_page=portal.home_page)


def test_webfinger_on_the_portals_own_domain(client, portal_a, base_url, settings):
    _own_domain(portal_a, settings)
    response = client.get(
        "/.well-known/webfinger", {"resource": "acct:alpha@alpha.example"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["subject"] == "acct:alpha@quartiers.example"
    assert data["links"][0]["href"] == f"{base_url}/alpha/fedivers"
    # Another portal's name on this domain is not found.
    other = client.get(
        "/.well-known/webfinger", {"resource": "acct:beta@alpha.example"}
    )
    assert other.status_code == 404


def test_an_article_on_the_own_domain_has_the_same_id(
    client, build, portal_a, base_url, settings
):
    _own_domain(portal_a, settings)
    page = build.article(portal_a, "Sur le domaine du quartier")
    own_path = (
        page.url.replace("/alpha/", "/", 1) if page.url.startswith("/alpha/") else None
    )
    if own_path is None:  # Wagtail already gives the own-domain address
        own_path = page.get_url_parts()[2]
    response = client.get(own_path, HTTP_HOST="alpha.example", **ACCEPT)
    assert response.status_code == 200
    assert response.json()["id"].startswith(f"{base_url}/alpha/")
    home = client.get("/", HTTP_HOST="alpha.example", **ACCEPT)
    assert home.status_code == 301
    assert home["Location"] == f"{base_url}/alpha/fedivers"


def _outbox_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/alpha/fedivers/outbox?page=1", **ACCEPT)
    assert response.status_code == 200
    return len(queries), len(response.json()["orderedItems"])


def test_the_outbox_costs_the_same_for_few_or_many_items(
    client, build, portal_a, base_url
):
    from quartiers.newsroom import selectors as newsroom
    from tests.factories import bulk_articles

    build.article(portal_a, "Premier article")
    client.get("/alpha/fedivers/outbox?page=1", **ACCEPT)  # warm caches
    few, few_items = _outbox_queries(client)
    bulk_articles(newsroom.journal_of(portal_a), 40)
    many, many_items = _outbox_queries(client)
    assert few_items == 1 and many_items == 20
    assert many <= few + 2, (few, many)

"""WebFinger, NodeInfo and the Group actor, as Mastodon reads them."""

import json

import pytest
from cryptography.hazmat.primitives import serialization

ACCEPT = {"HTTP_ACCEPT": "application/activity+json"}


def test_webfinger_finds_each_portal_as_a_group(client, portal_a, portal_b, base_url):
    """@alpha@host and @beta@host each resolve to their own actor."""
    for portal in (portal_a, portal_b):
        response = client.get(
            "/.well-known/webfinger",
            {"resource": f"acct:{portal.slug}@quartiers.example"},
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/jrd+json"
        data = response.json()
        assert data["subject"] == f"acct:{portal.slug}@quartiers.example"
        selves = [link for link in data["links"] if link["rel"] == "self"]
        assert selves == [
            {
                "rel": "self",
                "type": "application/activity+json",
                "href": f"{base_url}/{portal.slug}/fedivers",
            }
        ]


def test_webfinger_answers_french_json_404_for_unknown(client, portal_a, base_url):
    for resource in (
        "acct:inconnu@quartiers.example",
        "acct:alpha@autre.example",
        "https://autre.example/alpha/fedivers",
    ):
        response = client.get("/.well-known/webfinger", {"resource": resource})
        assert response.status_code == 404
        assert "erreur" in response.json()
    bad = client.get("/.well-known/webfinger", {"resource": "n'importe quoi"})
    assert bad.status_code == 400
    assert "resource=acct:" in bad.json()["erreur"]


def test_webfinger_hides_an_offline_portal(client, portal_a, base_url):
    portal_a.home_page.live = False
    portal_a.home_page.save(update_fields=["live"])
    response = client.get(
        "/.well-known/webfinger", {"resource": "acct:alpha@quartiers.example"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "accept",
    [
        "application/activity+json",
        'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
    ],
)
def test_actor_document_has_what_mastodon_requires(client, portal_a, base_url, accept):
    response = client.get("/alpha/fedivers", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == accept.split(";")[0]
    actor = json.loads(response.content)
    assert actor["id"] == f"{base_url}/alpha/fedivers"
    assert actor["type"] == "Group"
    assert actor["preferredUsername"] == "alpha"
    assert actor["name"] == "Quartier Alpha"
    assert actor["inbox"] == f"{base_url}/alpha/fedivers/inbox"
    assert actor["outbox"] == f"{base_url}/alpha/fedivers/outbox"
    assert actor["followers"] == f"{base_url}/alpha/fedivers/followers"
    assert actor["featured"] == f"{base_url}/alpha/fedivers/featured"
    assert actor["endpoints"]["sharedInbox"] == f"{base_url}/inbox"
    key = actor["publicKey"]
    assert key["owner"] == actor["id"]
    assert key["id"] == f"{actor['id']}#main-key"
    loaded = serialization.load_pem_public_key(key["publicKeyPem"].encode())
    assert loaded.key_size == 2048
    assert "PRIVATE" not in response.content.decode()


def test_actor_id_does_not_follow_the_request_host(
    client, portal_a, base_url, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get("/alpha/fedivers", HTTP_HOST="autre.example", **ACCEPT)
    assert response.json()["id"] == f"{base_url}/alpha/fedivers"


def test_each_portal_has_its_own_stable_key(client, portal_a, portal_b, base_url):
    first = client.get("/alpha/fedivers", **ACCEPT).json()["publicKey"]["publicKeyPem"]
    again = client.get("/alpha/fedivers", **ACCEPT).json()["publicKey"]["publicKeyPem"]
    other = client.get("/beta/fedivers", **ACCEPT).json()["publicKey"]["publicKeyPem"]
    assert first == again
    assert first != other


def test_unknown_portal_actor_is_404(client, base_url, db):
    response = client.get("/personne/fedivers", **ACCEPT)
    assert response.status_code == 404
    assert response.json()["erreur"]


def test_portal_home_negotiates_to_its_actor(client, portal_a, base_url):
    response = client.get("/alpha/", **ACCEPT)
    assert response.status_code == 301
    assert response["Location"] == f"{base_url}/alpha/fedivers"
    html = client.get("/alpha/")
    assert html.status_code == 200
    assert html["Content-Type"].startswith("text/html")


def test_nodeinfo_describes_the_install(client, portal_a, portal_b, base_url):
    links = client.get("/.well-known/nodeinfo").json()["links"]
    assert links == [
        {
            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
            "href": f"{base_url}/nodeinfo/2.1",
        }
    ]
    info = client.get("/nodeinfo/2.1").json()
    assert info["version"] == "2.1"
    assert info["software"]["name"] == "avis-de-quartiers"
    assert info["protocols"] == ["activitypub"]
    assert info["usage"]["users"]["total"] == 2
    assert isinstance(info["openRegistrations"], bool)


def test_followers_collection_gives_a_count_only(client, portal_a, base_url):
    data = client.get("/alpha/fedivers/followers", **ACCEPT).json()
    assert data["type"] == "OrderedCollection"
    assert data["totalItems"] == 0
    assert "orderedItems" not in data

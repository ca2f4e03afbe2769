"""The inbox refuses what is not signed, wrongly signed, stale, replayed,
oversized, malformed, blocked or meant for another portal, with the right
status, a French message and nothing stored."""

import json
from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.utils import timezone

from quartiers.federation.models import Follower, RemoteActor

from .conftest import RemoteAccount, post_activity

INBOX = "/alpha/fedivers/inbox"


def follow(account, base_url, slug="alpha", number=1):
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{account.uri}/follows/{number}",
        "type": "Follow",
        "actor": account.uri,
        "object": f"{base_url}/{slug}/fedivers",
    }


def nothing_stored():
    return not Follower.objects.exists()


def test_a_signed_follow_is_accepted(client, portal_a, network, alice, base_url):
    response = post_activity(client, INBOX, alice, follow(alice, base_url))
    assert response.status_code == 202, response.json()
    assert Follower.objects.filter(portal=portal_a, actor__uri=alice.uri).exists()


def test_unsigned_request_is_refused(client, portal_a, network, alice, base_url):
    response = client.post(
        INBOX,
        data=json.dumps(follow(alice, base_url)),
        content_type="application/activity+json",
    )
    assert response.status_code == 401
    assert "signée" in response.json()["erreur"]
    assert nothing_stored()


def test_signature_by_another_key_is_refused(
    client, portal_a, network, alice, base_url
):
    impostor = RemoteAccount("alice", key_name="another key")
    response = post_activity(client, INBOX, impostor, follow(alice, base_url))
    assert response.status_code == 401
    assert nothing_stored()


def test_body_changed_after_signing_is_refused(
    client, portal_a, network, alice, base_url
):
    body = json.dumps(follow(alice, base_url)).encode()
    headers = alice.sign("post", INBOX, body)
    tampered = body.replace(b"follows/1", b"follows/2")
    response = client.post(
        INBOX, data=tampered, content_type="application/activity+json", **headers
    )
    assert response.status_code == 401
    assert "Digest" in response.json()["erreur"]
    assert nothing_stored()


@pytest.mark.parametrize("hours", [13, -13])
def test_stale_or_future_date_is_refused(
    client, portal_a, network, alice, base_url, hours
):
    body = json.dumps(follow(alice, base_url)).encode()
    date = format_datetime(timezone.now() - timedelta(hours=hours), usegmt=True)
    headers = alice.sign("post", INBOX, body, date=date)
    response = client.post(
        INBOX, data=body, content_type="application/activity+json", **headers
    )
    assert response.status_code == 401
    assert nothing_stored()


def test_replayed_request_is_refused(client, portal_a, network, alice, base_url):
    body = json.dumps(follow(alice, base_url)).encode()
    headers = alice.sign("post", INBOX, body)
    first = client.post(
        INBOX, data=body, content_type="application/activity+json", **headers
    )
    assert first.status_code == 202
    Follower.objects.all().delete()
    again = client.post(
        INBOX, data=body, content_type="application/activity+json", **headers
    )
    assert again.status_code == 401
    assert "déjà" in again.json()["erreur"]
    assert nothing_stored()


def test_signature_for_another_address_is_refused(
    client, portal_a, network, alice, base_url
):
    body = json.dumps(follow(alice, base_url)).encode()
    headers = alice.sign("post", "/beta/fedivers/inbox", body)
    response = client.post(
        INBOX, data=body, content_type="application/activity+json", **headers
    )
    assert response.status_code == 401
    assert nothing_stored()


def test_oversized_payload_is_refused(
    client, portal_a, network, alice, base_url, settings
):
    settings.QUARTIERS_FEDERATION_MAX_PAYLOAD = 1000
    activity = follow(alice, base_url)
    activity["padding"] = "x" * 2000
    response = post_activity(client, INBOX, alice, activity)
    assert response.status_code == 413
    assert nothing_stored()


@pytest.mark.parametrize(
    "body", [b"{pas du json", b"[]", b'{"type": 3}', b'"texte"', b"\xff\xfe"]
)
def test_malformed_json_is_refused(client, portal_a, network, alice, body):
    headers = alice.sign("post", INBOX, body)
    response = client.post(
        INBOX, data=body, content_type="application/activity+json", **headers
    )
    assert response.status_code == 400
    assert response.json()["erreur"]
    assert nothing_stored()


def test_activity_for_another_portal_is_refused(
    client, portal_a, portal_b, network, alice, base_url
):
    response = post_activity(client, INBOX, alice, follow(alice, base_url, "beta"))
    assert response.status_code == 422
    assert nothing_stored()


def test_actor_must_be_the_signer(client, portal_a, network, alice, base_url):
    bob = network.add(RemoteAccount("bob"))
    activity = follow(bob, base_url)
    response = post_activity(client, INBOX, alice, activity)
    assert response.status_code == 401
    assert nothing_stored()


def test_unknown_key_is_refused_without_500(client, portal_a, network, base_url):
    ghost = RemoteAccount("fantome")  # never published on the fake network
    response = post_activity(client, INBOX, ghost, follow(ghost, base_url))
    assert response.status_code == 401
    assert nothing_stored()
    assert not RemoteActor.objects.exists()


def test_blocked_domain_is_refused_network_wide(
    client, portal_a, portal_b, network, alice, base_url
):
    from quartiers.federation import services

    services.block_add(portal=None, domain="masto.example", reason="spam")
    response = post_activity(client, INBOX, alice, follow(alice, base_url))
    assert response.status_code == 403
    assert nothing_stored()
    # Refused before the key is even fetched.
    assert network.fetched == []


def test_block_by_one_portal_leaves_the_other_open(
    client, portal_a, portal_b, network, alice, base_url
):
    from quartiers.federation import services

    services.block_add(portal=portal_a, actor_uri=alice.uri)
    refused = post_activity(client, INBOX, alice, follow(alice, base_url))
    assert refused.status_code == 403
    accepted = post_activity(
        client, "/beta/fedivers/inbox", alice, follow(alice, base_url, "beta", 2)
    )
    assert accepted.status_code == 202
    assert list(Follower.objects.values_list("portal__slug", flat=True)) == ["beta"]


def test_blocking_ends_existing_follows(client, portal_a, network, alice, base_url):
    from quartiers.federation import services

    post_activity(client, INBOX, alice, follow(alice, base_url))
    assert Follower.objects.count() == 1
    services.block_add(portal=portal_a, domain="masto.example")
    assert nothing_stored()


def test_inbox_is_rate_limited(client, portal_a, network, alice, base_url, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "federation_inbox": (3, 60),
    }
    statuses = [
        post_activity(
            client, INBOX, alice, follow(alice, base_url, number=n)
        ).status_code
        for n in range(4)
    ]
    assert statuses[-1] == 429
    assert (
        "réessayez"
        in post_activity(
            client, INBOX, alice, follow(alice, base_url, number=9)
        ).json()["erreur"]
    )


def test_inbox_answers_only_post(client, portal_a):
    assert client.get(INBOX).status_code == 405


def test_rotated_remote_key_is_fetched_again(
    client, portal_a, network, alice, base_url
):
    """A server that changed its key is believed after one fresh fetch."""
    post_activity(client, INBOX, alice, follow(alice, base_url))
    RemoteActor.objects.update(fetched_at=timezone.now() - timedelta(hours=1))
    rotated = RemoteAccount("alice", key_name="new key")
    network.add(rotated)
    undo = {
        "id": f"{alice.uri}/undo/1",
        "type": "Undo",
        "actor": alice.uri,
        "object": follow(alice, base_url),
    }
    response = post_activity(client, INBOX, rotated, undo)
    assert response.status_code == 202
    assert nothing_stored()

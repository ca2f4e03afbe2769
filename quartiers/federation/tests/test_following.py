"""Following a portal from another server: Follow, Accept delivered through
the queue with a signature any server can check, Undo, retries."""

import base64
import hashlib
import json
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from quartiers.federation.models import Delivery, Follower

from .conftest import RemoteAccount, post_activity

INBOX = "/alpha/fedivers/inbox"


def follow(account, base_url, slug="alpha", number=1):
    return {
        "id": f"{account.uri}/follows/{number}",
        "type": "Follow",
        "actor": account.uri,
        "object": f"{base_url}/{slug}/fedivers",
    }


def verify_as_a_remote_server(client, post):
    """Check one of our deliveries as Mastodon would: fetch the key named in
    the signature from our actor document, rebuild the signed text, verify."""
    params = dict(
        part.split("=", 1) for part in post["headers"]["Signature"].split(",")
    )
    params = {key: value.strip('"') for key, value in params.items()}
    assert params["algorithm"] == "rsa-sha256"
    names = params["headers"].split()
    assert {"(request-target)", "host", "date", "digest"} <= set(names)
    actor_path = urlsplit(params["keyId"]).path
    actor = client.get(actor_path, HTTP_ACCEPT="application/activity+json").json()
    assert actor["publicKey"]["id"] == params["keyId"]
    key = serialization.load_pem_public_key(actor["publicKey"]["publicKeyPem"].encode())
    url = urlsplit(post["url"])
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): post {url.path}")
        else:
            lines.append(f"{name}: {post['headers'][name.title()]}")
    key.verify(
        base64.b64decode(params["signature"]),
        "\n".join(lines).encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    digest = base64.b64encode(hashlib.sha256(post["body"]).digest()).decode()
    assert post["headers"]["Digest"] == f"SHA-256={digest}"
    assert post["headers"]["Host"] == url.netloc


def test_follow_is_accepted_and_the_accept_delivered_signed(
    client, portal_a, network, alice, base_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_activity(client, INBOX, alice, follow(alice, base_url))
    assert response.status_code == 202
    (accept,) = network.of_type("Accept")
    assert accept["url"] == f"{alice.uri}/inbox"
    assert accept["activity"]["actor"] == f"{base_url}/alpha/fedivers"
    assert accept["activity"]["object"]["id"] == f"{alice.uri}/follows/1"
    verify_as_a_remote_server(client, accept)
    assert Delivery.objects.get().status == Delivery.DONE
    followers = client.get(
        "/alpha/fedivers/followers", HTTP_ACCEPT="application/activity+json"
    ).json()
    assert followers["totalItems"] == 1
    # Beta is not followed: tenants stay apart.
    beta = client.get(
        "/beta/fedivers/followers", HTTP_ACCEPT="application/activity+json"
    ).json()
    assert beta["totalItems"] == 0


def test_the_remote_display_name_is_stored_as_plain_text(
    client, portal_a, network, alice, base_url
):
    post_activity(client, INBOX, alice, follow(alice, base_url))
    follower = Follower.objects.select_related("actor").get()
    assert follower.actor.display_name == "Alice"  # the <b> markup is gone
    assert follower.actor.handle == "@alice@masto.example"


def test_undo_follow_removes_the_follower(client, portal_a, network, alice, base_url):
    post_activity(client, INBOX, alice, follow(alice, base_url))
    undo = {
        "id": f"{alice.uri}/undo/1",
        "type": "Undo",
        "actor": alice.uri,
        "object": follow(alice, base_url),
    }
    response = post_activity(client, INBOX, alice, undo)
    assert response.status_code == 202
    assert not Follower.objects.exists()


def test_shared_inbox_routes_to_the_right_portal(
    client, portal_a, portal_b, network, alice, base_url
):
    response = post_activity(client, "/inbox", alice, follow(alice, base_url, "beta"))
    assert response.status_code == 202
    assert list(Follower.objects.values_list("portal__slug", flat=True)) == ["beta"]
    nobody = {
        "id": f"{alice.uri}/follows/9",
        "type": "Follow",
        "actor": alice.uri,
        "object": "https://ailleurs.example/users/x",
    }
    refused = post_activity(client, "/inbox", alice, nobody)
    assert refused.status_code == 422


def test_failed_delivery_is_retried_a_bounded_number_of_times(
    client, portal_a, network, alice, base_url, django_capture_on_commit_callbacks
):
    from quartiers.federation import tasks

    network.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        post_activity(client, INBOX, alice, follow(alice, base_url))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.FAILED
    assert delivery.attempts == tasks.MAX_ATTEMPTS
    assert len(network.posted) == tasks.MAX_ATTEMPTS
    # Running the task again does nothing more (idempotent).
    tasks.deliver.call(delivery_id=delivery.pk)
    assert len(network.posted) == tasks.MAX_ATTEMPTS


def test_a_refusing_server_is_not_retried(
    client, portal_a, network, alice, base_url, django_capture_on_commit_callbacks
):
    network.status = 410
    with django_capture_on_commit_callbacks(execute=True):
        post_activity(client, INBOX, alice, follow(alice, base_url))
    assert Delivery.objects.get().attempts == 1


def test_two_followers_on_one_server_get_one_delivery(
    client, portal_a, network, alice, base_url, django_capture_on_commit_callbacks
):
    from quartiers.federation import selectors

    bob = network.add(RemoteAccount("bob"))
    post_activity(client, INBOX, alice, follow(alice, base_url))
    post_activity(client, INBOX, bob, follow(bob, base_url, number=2))
    assert selectors.follower_inboxes(portal_a) == ["https://masto.example/inbox"]


def test_delivery_body_is_json_ld_with_the_activitystreams_context(
    client, portal_a, network, alice, base_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_activity(client, INBOX, alice, follow(alice, base_url))
    body = json.loads(network.posted[0]["body"])
    assert "https://www.w3.org/ns/activitystreams" in body["@context"]
    assert body["type"] == "Accept"


def test_a_server_that_keeps_failing_is_skipped(portal_a, network, base_url):
    from quartiers.federation import tasks

    for number in range(tasks.FAILING_SERVER_RUN):
        Delivery.objects.create(
            portal=portal_a,
            inbox=f"https://masto.example/users/u{number}/inbox",
            activity={"type": "Accept"},
            status=Delivery.FAILED,
        )
    delivery = Delivery.objects.create(
        portal=portal_a,
        inbox="https://masto.example/inbox",
        activity={"type": "Create"},
    )
    other = Delivery.objects.create(
        portal=portal_a,
        inbox="https://autre.example/inbox",
        activity={"type": "Create"},
    )
    tasks.deliver.call(delivery_id=delivery.pk)
    tasks.deliver.call(delivery_id=other.pk)
    delivery.refresh_from_db()
    other.refresh_from_db()
    assert delivery.status == Delivery.FAILED
    assert other.status == Delivery.DONE
    assert [post["url"] for post in network.posted] == ["https://autre.example/inbox"]

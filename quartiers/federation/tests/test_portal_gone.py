"""A portal deleted: every server following it receives the Delete of its
Group, signed with its key, through the delivery queue; the Group's address
then answers 410 Gone, and the key is wiped once nothing is left to send."""

from urllib.parse import urlsplit

from quartiers.federation import services, signatures, tasks
from quartiers.federation.models import Delivery, Follower, RetiredActor

from .conftest import RemoteAccount, post_activity

ACCEPT = {"HTTP_ACCEPT": "application/activity+json"}


def follow(client, account, base_url, slug="alpha", number=1):
    activity = {
        "id": f"{account.uri}/follows/{number}",
        "type": "Follow",
        "actor": account.uri,
        "object": f"{base_url}/{slug}/fedivers",
    }
    response = post_activity(client, f"/{slug}/fedivers/inbox", account, activity)
    assert response.status_code == 202


def signed_by(post, public_key_pem):
    """Whether a delivery carries a valid signature of this key."""
    url = urlsplit(post["url"])
    headers = {name.lower(): value for name, value in post["headers"].items()}
    try:
        signatures.check_request(
            signatures.parse_signature(headers["signature"]),
            method="POST",
            path=url.path,
            headers=headers,
            body=post["body"],
            public_key_pem=public_key_pem,
        )
    except signatures.SignatureError:
        return False
    return True


def test_the_followers_servers_receive_the_signed_delete_of_the_group(
    client,
    portal_a,
    portal_b,
    network,
    alice,
    base_url,
    django_capture_on_commit_callbacks,
):
    bob = network.add(RemoteAccount("bob"))  # same server as Alice
    carol = network.add(RemoteAccount("carol", host="https://autre.example"))
    with django_capture_on_commit_callbacks(execute=True):
        for account in (alice, bob, carol):
            follow(client, account, base_url)
        follow(client, carol, base_url, slug="beta", number=2)
    public_key = services.portal_actor_ensure(portal_a).public_key_pem
    network.posted.clear()

    with django_capture_on_commit_callbacks(execute=True):
        portal_a.delete()

    deletes = network.of_type("Delete")
    # One delivery per server (its shared inbox), none to Beta's followers
    # beyond the servers that followed Alpha.
    assert sorted(post["url"] for post in deletes) == [
        "https://autre.example/inbox",
        "https://masto.example/inbox",
    ]
    actor_id = f"{base_url}/alpha/fedivers"
    for post in deletes:
        assert post["activity"]["actor"] == actor_id
        assert post["activity"]["object"] == actor_id
        assert "https://www.w3.org/ns/activitystreams#Public" in post["activity"]["to"]
        assert post["headers"]["Signature"].startswith(f'keyId="{actor_id}#main-key"')
        assert signed_by(post, public_key)
        assert not signed_by(
            post, services.portal_actor_ensure(portal_b).public_key_pem
        )
    assert Delivery.objects.filter(retired__actor_id=actor_id).count() == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.DONE}
    # Nothing left to sign: the private key is gone with the portal.
    assert RetiredActor.objects.get(actor_id=actor_id).private_key_pem == ""
    # Beta keeps its follower.
    assert Follower.objects.filter(portal=portal_b).count() == 1


def test_the_group_address_answers_gone(
    client, portal_a, network, alice, base_url, django_capture_on_commit_callbacks
):
    follow(client, alice, base_url)
    with django_capture_on_commit_callbacks(execute=True):
        portal_a.delete()
    response = client.get("/alpha/fedivers", **ACCEPT)
    assert response.status_code == 410
    assert response.json()["type"] == "Tombstone"
    assert response.json()["id"] == f"{base_url}/alpha/fedivers"
    assert client.get("/ALPHA/fedivers", **ACCEPT).status_code in (404, 410)
    assert client.get("/nulle-part/fedivers", **ACCEPT).status_code == 404
    assert client.get("/beta/fedivers", **ACCEPT).status_code == 200
    finger = client.get("/.well-known/webfinger?resource=acct:alpha@quartiers.example")
    assert finger.status_code == 404


def test_a_portal_nobody_follows_sends_nothing_and_keeps_no_key(
    client, portal_a, network, base_url, django_capture_on_commit_callbacks
):
    services.portal_actor_ensure(portal_a)
    with django_capture_on_commit_callbacks(execute=True):
        portal_a.delete()
    assert network.posted == []
    assert not Delivery.objects.exists()
    assert RetiredActor.objects.get().private_key_pem == ""
    assert client.get("/alpha/fedivers", **ACCEPT).status_code == 410


def test_deliveries_waiting_when_the_portal_is_deleted_are_still_signed(
    client, portal_a, network, alice, base_url, django_capture_on_commit_callbacks
):
    """A retry of an earlier delivery still goes out, with the old key; the
    key is wiped only after the last one."""
    with django_capture_on_commit_callbacks(execute=True):
        follow(client, alice, base_url)
    public_key = services.portal_actor_ensure(portal_a).public_key_pem
    network.posted.clear()
    (waiting,) = services.deliveries_create(
        portal_a, {"type": "Update", "id": "x"}, [f"{alice.uri}/inbox"]
    )
    with django_capture_on_commit_callbacks(execute=False):
        portal_a.delete()  # its Delete is queued, not sent yet
    retired = RetiredActor.objects.get()
    assert retired.private_key_pem
    tasks.deliver.call(delivery_id=waiting)
    (update,) = network.of_type("Update")
    assert signed_by(update, public_key)
    assert RetiredActor.objects.get().private_key_pem  # the Delete still waits
    (delete_id,) = Delivery.objects.filter(activity__type="Delete").values_list(
        "pk", flat=True
    )
    tasks.deliver.call(delivery_id=delete_id)
    assert signed_by(network.of_type("Delete")[0], public_key)
    assert RetiredActor.objects.get().private_key_pem == ""


def test_a_delivery_with_no_key_left_is_dropped(portal_a, network, base_url):
    retired = RetiredActor.objects.create(
        actor_id=f"{base_url}/ancien/fedivers", key_id="k", private_key_pem=""
    )
    delivery = Delivery.objects.create(
        portal=None, retired=retired, inbox="https://masto.example/inbox", activity={}
    )
    tasks.deliver.call(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.FAILED
    assert "supprimé" in delivery.last_error
    assert network.posted == []

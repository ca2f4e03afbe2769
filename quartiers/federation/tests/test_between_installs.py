"""Two portals talking only through HTTP, as two installs would: every
request goes through the real views, signed by one side and checked by the
other, every key fetched from the actor documents. Portal Alpha follows
portal Bêta "on another server"; what Bêta publishes is offered to Alpha as
a reference credited to Bêta."""

import json
from urllib.parse import urlsplit

import pytest

from quartiers.federation import services, signatures
from quartiers.federation.fetch import FetchError
from quartiers.federation.models import Follower, Following, SharedItem

HOST = "quartiers.example"


class Loopback:
    """The network between the two sides: the test client."""

    def __init__(self, client):
        self.client = client
        self.log: list[tuple[str, str, int]] = []

    def get_json(self, url, *, key_id="", private_key_pem=""):
        response = self.client.get(
            urlsplit(url).path, HTTP_ACCEPT="application/activity+json", HTTP_HOST=HOST
        )
        if response.status_code != 200:
            raise FetchError(str(response.status_code))
        return response.json()

    def post_activity(self, url, activity, *, key_id, private_key_pem):
        body = json.dumps(activity).encode()
        headers = signatures.sign_headers(
            method="POST",
            url=url,
            key_id=key_id,
            private_key_pem=private_key_pem,
            body=body,
        )
        meta = {
            "HTTP_" + name.upper().replace("-", "_"): value
            for name, value in headers.items()
            if name != "Content-Type"
        }
        response = self.client.post(
            urlsplit(url).path,
            data=body,
            content_type=headers["Content-Type"],
            **meta,
        )
        self.log.append((activity["type"], urlsplit(url).path, response.status_code))
        return response.status_code


@pytest.fixture
def loopback(client, monkeypatch, settings, base_url):
    from quartiers.federation import fetch

    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    wire = Loopback(client)
    monkeypatch.setattr(fetch, "get_json", wire.get_json)
    monkeypatch.setattr(fetch, "post_activity", wire.post_activity)
    return wire


def test_a_portal_follows_another_and_gets_its_items_as_references(
    portal_a, portal_b, build, loopback, base_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.following_request(
            portal=portal_a, actor_uri=f"{base_url}/beta/fedivers"
        )
    assert ("Follow", "/beta/fedivers/inbox", 202) in loopback.log
    assert ("Accept", "/alpha/fedivers/inbox", 202) in loopback.log
    assert Following.objects.get(portal=portal_a).state == Following.ACCEPTED
    assert (
        Follower.objects.get(portal=portal_b).actor.uri == f"{base_url}/alpha/fedivers"
    )

    with django_capture_on_commit_callbacks(execute=True):
        page = build.article(portal_b, "La brocante de Bêta")
    assert ("Create", "/inbox", 202) in loopback.log
    share = SharedItem.objects.get(portal=portal_a)
    assert share.status == SharedItem.PROPOSED
    assert share.name == "La brocante de Bêta"
    assert share.url == f"{base_url}{page.url}"
    assert share.origin.uri == f"{base_url}/beta/fedivers"
    assert not SharedItem.objects.filter(portal=portal_b).exists()

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "La grande brocante de Bêta"
        page.save_revision().publish()
    share.refresh_from_db()
    assert share.name == "La grande brocante de Bêta"

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SharedItem.objects.exists()


def test_unfollowing_a_remote_portal(
    portal_a, portal_b, loopback, base_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        following = services.following_request(
            portal=portal_a, actor_uri=f"{base_url}/beta/fedivers"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.following_stop(portal=portal_a, following_id=following.pk)
    assert ("Undo", "/beta/fedivers/inbox", 202) in loopback.log
    assert not Follower.objects.exists()
    assert not Following.objects.exists()

"""Our HTTP Signatures checked by an implementation we do not use for
signing (the ``httpsig`` package, on its own RSA code), and theirs checked by
ours, through the real inbox view.

The requests our code signs are caught where they leave for the network
(the connection pool of our one HTTP client), so what is verified is exactly what a
remote server would receive.
"""

import base64
import hashlib
import ipaddress
import json
from datetime import timedelta
from email.utils import format_datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from httpsig.sign import HeaderSigner
from httpsig.verify import HeaderVerifier

from quartiers.federation import addresses, fetch, services
from quartiers.federation.models import Delivery, Follower

from .conftest import _pems

# Kept before the `network` fixture swaps them for the fake network.
REAL_POST_ACTIVITY = fetch.post_activity
REAL_GET_JSON = fetch.get_json

INBOX = "/alpha/fedivers/inbox"
MASTODON_HEADERS = ["(request-target)", "host", "date", "digest"]
ACCEPT = {"HTTP_ACCEPT": "application/activity+json"}


class Sent:
    """What reached the (fake) wire: one request as the remote server sees it."""

    def __init__(self, method, url, headers, body=b""):
        self.method, self.url, self.headers, self.body = method, url, headers, body


class FakeResponse:
    """An answer as the HTTP library hands it to our client."""

    def __init__(self, status=202, document=None):
        self.status = status
        self.headers: dict[str, str] = {}
        self._body = json.dumps(document or {}).encode()

    def read(self, size=-1, decode_content=True):
        return self._body[:size]

    def release_conn(self):
        pass


PUBLIC = "93.184.216.34"


@pytest.fixture
def wire(monkeypatch, network):
    """Deliveries and signed GETs go through our real signing code and our
    real client, down to the connection pool; the requests it would put on
    the wire are recorded there instead of being sent."""
    import urllib3

    sent: list[Sent] = []

    def urlopen(pool, method, path, body=None, headers=None, **kwargs):
        headers = dict(headers or {})
        assert pool.host == PUBLIC  # the address checked, not the name
        url = f"{pool.scheme}://{headers['Host']}{path}"
        sent.append(Sent(method, url, headers, body or b""))
        if method == "POST":
            return FakeResponse(202)
        return FakeResponse(200, network.documents.get(url))

    monkeypatch.setattr(fetch, "post_activity", REAL_POST_ACTIVITY)
    # The remote servers' names resolve to a public address (no DNS here).
    public = ipaddress.ip_address(PUBLIC)
    monkeypatch.setattr(fetch, "_addresses", lambda host, port: [public])
    monkeypatch.setattr(urllib3.HTTPConnectionPool, "urlopen", urlopen)
    return sent


def target(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def library_accepts(request: Sent, public_key_pem: str, required) -> bool:
    verifier = HeaderVerifier(
        headers=request.headers,
        secret=public_key_pem,
        required_headers=required,
        method=request.method,
        path=target(request.url),
        sign_header="signature",
    )
    return bool(verifier.verify())


def follow(account, base_url, number=1):
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{account.uri}/follows/{number}",
        "type": "Follow",
        "actor": account.uri,
        "object": f"{base_url}/alpha/fedivers",
    }


def public_key_of(client, key_id):
    """The key a remote server would fetch: from our actor document."""
    document = client.get(urlsplit(key_id).path, **ACCEPT).json()
    assert document["publicKey"]["id"] == key_id
    return document["publicKey"]["publicKeyPem"]


# --- Ours, checked by the library ----------------------------------------------


def test_a_delivery_we_sign_is_verified_by_the_library(
    client,
    portal_a,
    network,
    alice,
    base_url,
    wire,
    django_capture_on_commit_callbacks,
):
    # Alice follows (signed by the test's own signer): the portal's Accept is
    # a real delivery, posted by the task through our signing code.
    body = json.dumps(follow(alice, base_url)).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            INBOX,
            data=body,
            content_type="application/activity+json",
            **alice.sign("post", INBOX, body),
        )
    assert response.status_code == 202, response.json()
    (accept,) = [request for request in wire if request.method == "POST"]
    assert accept.url == f"{alice.uri}/inbox"
    assert json.loads(accept.body)["type"] == "Accept"
    assert Delivery.objects.get().status == Delivery.DONE

    key_id = dict(
        part.split("=", 1) for part in accept.headers["Signature"].split(",")
    )["keyId"].strip('"')
    assert key_id == addresses.key_id(portal_a)
    public_pem = public_key_of(client, key_id)
    assert library_accepts(accept, public_pem, MASTODON_HEADERS)
    # The Digest is the body's, as Mastodon checks it (computed here).
    expected = base64.b64encode(hashlib.sha256(accept.body).digest()).decode()
    assert accept.headers["Digest"] == f"SHA-256={expected}"
    assert accept.headers["Host"] == urlsplit(accept.url).netloc

    # And the library is not a rubber stamp: a changed date or another key fails.
    changed = Sent(
        "POST",
        accept.url,
        {**accept.headers, "Date": "Mon, 01 Jan 2024 00:00:00 GMT"},
        accept.body,
    )
    assert not library_accepts(changed, public_pem, MASTODON_HEADERS)
    assert not library_accepts(accept, _pems(alice.key)[1], MASTODON_HEADERS)


def test_a_signed_get_we_send_is_verified_by_the_library(
    client, portal_a, network, alice, base_url, wire
):
    signer = services.portal_actor_ensure(portal_a)
    url = f"{alice.uri}?page=1&only=public"
    network.documents[url] = {"id": url, "type": "Person"}
    document = REAL_GET_JSON(
        url,
        key_id=addresses.key_id(portal_a),
        private_key_pem=signer.private_key_pem,
    )
    assert document["id"] == url
    (request,) = wire
    assert request.method == "GET"
    public_pem = public_key_of(client, addresses.key_id(portal_a))
    assert library_accepts(request, public_pem, ["(request-target)", "host", "date"])
    # The query string is part of the signed target.
    moved = Sent("GET", alice.uri, request.headers)
    assert not library_accepts(moved, public_pem, ["(request-target)", "host", "date"])


# --- Theirs, checked by ours through the real inbox -------------------------------


def library_signed(account, body, *, path=INBOX, headers=MASTODON_HEADERS):
    """Headers as a Mastodon server sends them, signed by the library."""
    values = {
        "Host": "testserver",
        "Date": format_datetime(timezone.now(), usegmt=True),
        "Digest": "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode(),
        "Content-Type": "application/activity+json",
    }
    signer = HeaderSigner(
        key_id=account.key_id,
        secret=_pems(account.key)[0],
        algorithm="rsa-sha256",
        headers=headers,
        sign_header="signature",
    )
    signed = signer.sign(values, method="POST" if body else "GET", path=path)
    return {name: signed[name] for name in ("Date", "Digest", "signature")}


def as_meta(headers):
    return {f"HTTP_{name.upper()}": value for name, value in headers.items()}


def send(client, body, headers, path=INBOX):
    return client.post(
        path, data=body, content_type="application/activity+json", **as_meta(headers)
    )


def test_a_follow_signed_by_the_library_is_accepted(
    client, portal_a, network, alice, base_url
):
    body = json.dumps(follow(alice, base_url)).encode()
    response = send(client, body, library_signed(alice, body))
    assert response.status_code == 202, response.json()
    assert Follower.objects.filter(portal=portal_a, actor__uri=alice.uri).exists()


def _refused(response):
    assert response.status_code == 401, response.content
    assert response.json()["erreur"]
    assert not Follower.objects.exists()


def test_body_changed_after_the_library_signed_is_refused(
    client, portal_a, network, alice, base_url
):
    body = json.dumps(follow(alice, base_url)).encode()
    headers = library_signed(alice, body)
    _refused(send(client, body.replace(b"follows/1", b"follows/2"), headers))


def test_body_and_digest_changed_after_the_library_signed_is_refused(
    client, portal_a, network, alice, base_url
):
    body = json.dumps(follow(alice, base_url)).encode()
    headers = library_signed(alice, body)
    other = body.replace(b"follows/1", b"follows/2")
    headers["Digest"] = (
        "SHA-256=" + base64.b64encode(hashlib.sha256(other).digest()).decode()
    )
    _refused(send(client, other, headers))


def test_date_changed_after_the_library_signed_is_refused(
    client, portal_a, network, alice, base_url
):
    body = json.dumps(follow(alice, base_url)).encode()
    headers = library_signed(alice, body)
    # Still fresh (one minute later), but not what was signed.
    later = timezone.now() + timedelta(minutes=1)
    headers["Date"] = format_datetime(later, usegmt=True)
    _refused(send(client, body, headers))


@pytest.mark.parametrize(
    "listed",
    [
        # Header list edited after signing: order swapped, a header dropped.
        "(request-target) date host digest",
        "(request-target) host date",
    ],
)
def test_header_list_changed_after_the_library_signed_is_refused(
    client, portal_a, network, alice, base_url, listed
):
    body = json.dumps(follow(alice, base_url)).encode()
    headers = library_signed(alice, body)
    headers["signature"] = headers["signature"].replace(
        'headers="(request-target) host date digest"', f'headers="{listed}"'
    )
    assert f'headers="{listed}"' in headers["signature"]
    _refused(send(client, body, headers))


def test_a_library_signature_without_digest_is_refused(
    client, portal_a, network, alice, base_url
):
    body = json.dumps(follow(alice, base_url)).encode()
    headers = library_signed(alice, body, headers=["(request-target)", "host", "date"])
    response = send(client, body, headers)
    _refused(response)
    assert "digest" in response.json()["erreur"]


def test_a_signed_get_by_the_library_reads_an_authorized_fetch_outbox(
    client, portal_a, network, alice, base_url
):
    keys = services.portal_actor_ensure(portal_a)
    keys.authorized_fetch = True
    keys.save()
    path = "/alpha/fedivers/outbox"
    headers = library_signed(
        alice, b"", path=path, headers=["(request-target)", "host", "date"]
    )
    del headers["Digest"]
    assert client.get(path, **ACCEPT, **as_meta(headers)).status_code == 200
    # Signed for another address: refused.
    other = library_signed(
        alice,
        b"",
        path="/alpha/fedivers/featured",
        headers=["(request-target)", "host", "date"],
    )
    del other["Digest"]
    assert client.get(path, **ACCEPT, **as_meta(other)).status_code == 401

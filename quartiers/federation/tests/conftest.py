"""A remote fediverse server simulated in memory: its own key pair, its own
signer (written here, apart from the code under test), and a fake network
that the code under test reaches instead of the real one."""

import base64
import hashlib
import ipaddress
import json
import socket
from dataclasses import dataclass, field
from email.utils import format_datetime

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.utils import timezone

from quartiers.outreach.tests.conftest import Builders

REMOTE = "https://masto.example"


REAL_CONNECT = socket.socket.connect


def _is_loopback(host) -> bool:
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any connection beyond loopback fails the test (the tests' own local
    servers listen on loopback)."""
    import requests

    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to reach the network")

    def connect(sock, address):
        if sock.family == socket.AF_UNIX or _is_loopback(address[0]):
            return REAL_CONNECT(sock, address)
        raise AssertionError(f"a test tried to reach the network: {address}")

    monkeypatch.setattr(requests.Session, "request", refuse)
    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def build(db):
    return Builders()


def _pems(key):
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        .decode()
    )
    return private, public


_KEYS: dict[str, rsa.RSAPrivateKey] = {}


def _key(name):
    if name not in _KEYS:
        _KEYS[name] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _KEYS[name]


@dataclass
class RemoteAccount:
    username: str
    host: str = REMOTE
    key_name: str = ""

    @property
    def uri(self):
        return f"{self.host}/users/{self.username}"

    @property
    def key_id(self):
        return f"{self.uri}#main-key"

    @property
    def key(self):
        return _key(self.key_name or self.uri)

    def document(self):
        return {
            "@context": ["https://www.w3.org/ns/activitystreams"],
            "id": self.uri,
            "type": "Person",
            "preferredUsername": self.username,
            "name": f"<b>{self.username.title()}</b>",
            "inbox": f"{self.uri}/inbox",
            "endpoints": {"sharedInbox": f"{self.host}/inbox"},
            "url": f"{self.host}/@{self.username}",
            "publicKey": {
                "id": self.key_id,
                "owner": self.uri,
                "publicKeyPem": _pems(self.key)[1],
            },
        }

    def sign(
        self, method, path, body=b"", *, host="testserver", date=None, digest=None
    ):
        """Headers as Mastodon sends them (draft-cavage, rsa-sha256)."""
        date = date or format_datetime(timezone.now(), usegmt=True)
        names = ["(request-target)", "host", "date"]
        values = {"host": host, "date": date}
        if method == "post":
            values["digest"] = digest or (
                "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
            )
            names.append("digest")
        text = "\n".join(
            f"(request-target): {method} {path}"
            if name == "(request-target)"
            else f"{name}: {values[name]}"
            for name in names
        )
        signature = base64.b64encode(
            self.key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
        ).decode()
        headers = {f"HTTP_{name.upper()}": value for name, value in values.items()}
        del headers["HTTP_HOST"]
        headers["HTTP_SIGNATURE"] = (
            f'keyId="{self.key_id}",algorithm="rsa-sha256",'
            f'headers="{" ".join(names)}",signature="{signature}"'
        )
        return headers


@dataclass
class FakeNetwork:
    documents: dict = field(default_factory=dict)
    posted: list = field(default_factory=list)
    fetched: list = field(default_factory=list)
    status: int = 202

    def add(self, account: RemoteAccount):
        self.documents[account.uri] = account.document()
        return account

    def get_json(self, url, *, key_id="", private_key_pem=""):
        from quartiers.federation.fetch import FetchError

        self.fetched.append((url, key_id))
        if url not in self.documents:
            raise FetchError("introuvable")
        return json.loads(json.dumps(self.documents[url]))

    def post_activity(self, url, activity, *, key_id, private_key_pem):
        from quartiers.federation import signatures

        # What a remote server would check: our signature, made with our key.
        body = json.dumps(activity).encode()
        headers = signatures.sign_headers(
            method="POST",
            url=url,
            key_id=key_id,
            private_key_pem=private_key_pem,
            body=body,
        )
        self.posted.append(
            {"url": url, "activity": activity, "headers": headers, "body": body}
        )
        return self.status

    def of_type(self, kind):
        return [post for post in self.posted if post["activity"]["type"] == kind]


@pytest.fixture
def network(monkeypatch):
    from quartiers.federation import fetch

    fake = FakeNetwork()
    monkeypatch.setattr(fetch, "get_json", fake.get_json)
    monkeypatch.setattr(fetch, "post_activity", fake.post_activity)
    return fake


@pytest.fixture
def alice(network):
    return network.add(RemoteAccount("alice"))


@pytest.fixture
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://quartiers.example"
    return "https://quartiers.example"


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def post_activity(client, path, account, activity, **extra):
    body = json.dumps(activity).encode()
    headers = account.sign("post", path, body)
    headers.update(extra)
    return client.post(
        path, data=body, content_type="application/activity+json", **headers
    )

"""HTTP Signatures as Mastodon speaks them (draft-cavage-http-signatures-12,
rsa-sha256), with the Digest header of RFC 3230.

Written on ``cryptography`` alone: the draft is a few lines of string
building, and every library for it we looked at either follows the later RFC
9421 (which Mastodon does not send yet) or pulls in a web framework. The tests
check our signatures with a signer written separately in the test suite and
with an independent library, both ways.
"""

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.utils import timezone

# Mastodon refuses dates more than 12 hours away from its clock; so do we.
CLOCK_SKEW = timedelta(hours=12)
_PARAM = re.compile(r'(\w+)="([^"]*)"')


class SignatureError(Exception):
    """The request's signature is missing, malformed or wrong (a French
    message for the remote server's logs)."""


def generate_key_pair() -> tuple[str, str]:
    """(private PEM, public PEM) of a new 2048-bit RSA key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        )
        .decode()
    )
    return private_pem, public_pem


def digest_header(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def http_date(moment: datetime | None = None) -> str:
    return format_datetime(moment or timezone.now(), usegmt=True)


def _signing_string(names: list[str], method: str, path: str, headers) -> str:
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        else:
            value = headers.get(name)
            if value is None:
                raise SignatureError(f"L'en-tête signé « {name} » est absent.")
            lines.append(f"{name}: {value}")
    return "\n".join(lines)


def sign_headers(
    *,
    method: str,
    url: str,
    key_id: str,
    private_key_pem: str,
    body: bytes | None = None,
    now: datetime | None = None,
) -> dict[str, str]:
    """The Host, Date, (Digest) and Signature headers of an outgoing request."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"host": parts.netloc, "date": http_date(now)}
    names = ["(request-target)", "host", "date"]
    if body is not None:
        headers["digest"] = digest_header(body)
        headers["content-type"] = "application/activity+json"
        names += ["digest", "content-type"]
    text = _signing_string(names, method, path, headers)
    key = serialization.load_pem_private_key(private_key_pem.encode(), None)
    assert isinstance(key, rsa.RSAPrivateKey)
    signature = key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
    headers["signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",'
        f'headers="{" ".join(names)}",'
        f'signature="{base64.b64encode(signature).decode()}"'
    )
    return {name.title(): value for name, value in headers.items()}


@dataclass(frozen=True)
class ParsedSignature:
    key_id: str
    algorithm: str
    headers: list[str]
    signature: bytes
    raw: str


def parse_signature(value: str) -> ParsedSignature:
    params = dict(_PARAM.findall(value or ""))
    if "keyId" not in params or "signature" not in params:
        raise SignatureError("La signature HTTP est absente ou illisible.")
    algorithm = params.get("algorithm", "rsa-sha256").lower()
    if algorithm not in ("rsa-sha256", "hs2019"):
        raise SignatureError("Seul l'algorithme rsa-sha256 est accepté.")
    try:
        signature = base64.b64decode(params["signature"], validate=True)
    except ValueError as error:
        raise SignatureError("La signature n'est pas en base64.") from error
    names = params.get("headers", "date").lower().split()
    return ParsedSignature(params["keyId"], algorithm, names, signature, value)


def check_request(
    parsed: ParsedSignature,
    *,
    method: str,
    path: str,
    headers,
    body: bytes,
    public_key_pem: str,
    now: datetime | None = None,
) -> None:
    """Raise SignatureError unless the request is signed by this key, fresh,
    and (for a POST) carries the Digest of its body."""
    required = {"(request-target)", "host", "date"}
    if method.upper() == "POST":
        required.add("digest")
    missing = required - set(parsed.headers)
    if missing:
        raise SignatureError(
            "La signature doit couvrir : " + ", ".join(sorted(missing)) + "."
        )
    try:
        date = parsedate_to_datetime(headers.get("date") or "")
    except (TypeError, ValueError) as error:
        raise SignatureError("L'en-tête Date est illisible.") from error
    if date.tzinfo is None:
        raise SignatureError("L'en-tête Date doit être en GMT.")
    if abs((now or timezone.now()) - date) > CLOCK_SKEW:
        raise SignatureError("La requête est trop ancienne ou datée du futur.")
    if method.upper() == "POST":
        digests = dict(
            part.strip().split("=", 1)
            for part in (headers.get("digest") or "").split(",")
            if "=" in part
        )
        expected = digest_header(body).split("=", 1)[1]
        sent = digests.get("SHA-256") or digests.get("sha-256")
        if sent != expected:
            raise SignatureError("L'empreinte Digest ne correspond pas au contenu.")
    text = _signing_string(parsed.headers, method, path, headers)
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode())
    except ValueError as error:
        raise SignatureError("La clé publique du compte est illisible.") from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise SignatureError("Seules les clés RSA sont acceptées.")
    try:
        key.verify(parsed.signature, text.encode(), padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as error:
        raise SignatureError("La signature ne correspond pas.") from error

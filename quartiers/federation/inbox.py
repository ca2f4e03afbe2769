"""Who sent an incoming request: the HTTP Signature, checked before anything
is read or stored (size, rate, blocks, signature, date, digest, replay)."""

import hashlib
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from quartiers.core import ratelimit

from . import fetch, selectors, services, signatures
from .models import RemoteActor
from .services import InboxError

REPLAY_SECONDS = int(signatures.CLOCK_SKEW.total_seconds() * 2) + 60


def max_payload() -> int:
    return getattr(settings, "QUARTIERS_FEDERATION_MAX_PAYLOAD", 256 * 1024)


def read_activity(request) -> dict:
    """The JSON body of an inbox POST, within the size limit."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > max_payload():
        raise InboxError(413, "Le message est trop volumineux.")
    body = request.body
    if len(body) > max_payload():
        raise InboxError(413, "Le message est trop volumineux.")
    try:
        activity = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise InboxError(400, "Le message n'est pas du JSON valide.") from error
    if (
        not isinstance(activity, dict)
        or not isinstance(activity.get("type"), str)
        or not isinstance(activity.get("actor"), str | dict)
    ):
        raise InboxError(400, "Le message n'est pas une activité ActivityPub.")
    return activity


def check_rate(request, key_id: str = "") -> None:
    keys = [f"ip:{ratelimit.client_ip(request)}"]
    domain = urlsplit(key_id).hostname
    if domain:
        keys.append(f"domain:{domain}")
    if not ratelimit.hit("federation_inbox", *keys):
        raise InboxError(429, "Trop de messages : réessayez plus tard.")


def authenticate(request, *, portal=None, body: bytes = b"") -> RemoteActor:
    """The remote actor that signed this request (InboxError otherwise)."""
    header = request.headers.get("signature")
    if not header:
        raise InboxError(401, "Cette requête doit être signée (HTTP Signatures).")
    try:
        parsed = signatures.parse_signature(header)
    except signatures.SignatureError as error:
        raise InboxError(401, str(error)) from error
    check_rate(request, parsed.key_id)
    if selectors.is_blocked(portal, parsed.key_id):
        raise InboxError(403, "Ce compte ou ce serveur est bloqué.")
    try:
        actor = services.remote_actor_for_key(parsed.key_id, portal=portal)
    except fetch.FetchError as error:
        raise InboxError(401, "La clé de signature est introuvable.") from error

    headers = {name.lower(): value for name, value in request.headers.items()}
    headers.setdefault("host", request.get_host())

    def verify(key_pem: str) -> None:
        signatures.check_request(
            parsed,
            method=request.method,
            path=request.get_full_path(),
            headers=headers,
            body=body,
            public_key_pem=key_pem,
        )

    try:
        verify(actor.public_key_pem)
    except signatures.SignatureError as error:
        # The remote server may have a new key: fetch it again, once a minute.
        if not services.key_is_stale(actor):
            raise InboxError(401, str(error)) from error
        try:
            actor = services.remote_actor_for_key(
                parsed.key_id, portal=portal, refresh=True
            )
            verify(actor.public_key_pem)
        except (fetch.FetchError, signatures.SignatureError) as again:
            raise InboxError(401, str(again)) from again
    if selectors.is_blocked(portal, actor.uri):
        raise InboxError(403, "Ce compte ou ce serveur est bloqué.")
    seen = "federation:signature:" + hashlib.sha256(header.encode()).hexdigest()
    if not cache.add(seen, 1, timeout=REPLAY_SECONDS):
        raise InboxError(401, "Cette requête signée a déjà été reçue.")
    return actor

"""Everything that reaches other servers goes through these two functions
(tests replace them: no test ever touches the network).

Short timeouts, a size cap on what is read, and no address that points back
into the server's own network.
"""

import ipaddress
import json
import socket
from urllib.parse import urlsplit

import requests
from django.conf import settings

from . import signatures
from .addresses import ACTIVITY_JSON

TIMEOUT = (3, 5)  # connect, read (seconds)
MAX_DOCUMENT_BYTES = 512 * 1024
USER_AGENT = "AvisDeQuartiers (+ActivityPub)"


class FetchError(Exception):
    pass


def loopback_allowed() -> bool:
    """Two installs side by side on one machine (their test) talk over
    loopback, in plain http. Off unless a settings module turns it on; no
    settings module of the project does."""
    return bool(getattr(settings, "QUARTIERS_FEDERATION_ALLOW_LOOPBACK", False))


def _addresses(host: str, port: int) -> list:
    """Every address a server name resolves to (tests replace it)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"Serveur introuvable : {host[:100]}") from error
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]


def check_url(url: str) -> None:
    """Refuse addresses a remote document must never make us call: a name
    is resolved first, and refused if any of its addresses is internal."""
    parts = urlsplit(url)
    try:
        address = ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        address = None
    if (
        address is not None
        and address.is_loopback
        and parts.scheme in ("http", "https")
        and loopback_allowed()
    ):
        return
    allowed = ("https", "http") if settings.DEBUG else ("https",)
    if parts.scheme not in allowed or not parts.hostname:
        raise FetchError(f"Adresse refusée : {url[:200]}")
    if address is not None and not address.is_global:
        raise FetchError(f"Adresse interne refusée : {url[:200]}")
    if address is None:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchError(f"Adresse refusée : {url[:200]}") from error
        for resolved in _addresses(parts.hostname, port):
            if resolved.is_global:
                continue
            if resolved.is_loopback and loopback_allowed():
                continue
            raise FetchError(f"Adresse interne refusée : {url[:200]}")


def get_json(url: str, *, key_id: str = "", private_key_pem: str = "") -> dict:
    """GET an ActivityPub document (signed when a key is given, for servers
    in authorized-fetch mode)."""
    check_url(url)
    headers = {"Accept": ACTIVITY_JSON, "User-Agent": USER_AGENT}
    if key_id and private_key_pem:
        headers.update(
            signatures.sign_headers(
                method="GET", url=url, key_id=key_id, private_key_pem=private_key_pem
            )
        )
    try:
        with requests.get(
            url, headers=headers, timeout=TIMEOUT, stream=True, allow_redirects=False
        ) as response:
            response.raise_for_status()
            body = response.raw.read(MAX_DOCUMENT_BYTES + 1, decode_content=True)
    except requests.RequestException as error:
        raise FetchError(str(error)[:200]) from error
    if len(body) > MAX_DOCUMENT_BYTES:
        raise FetchError("Document distant trop volumineux.")
    try:
        document = json.loads(body)
    except ValueError as error:
        raise FetchError("Document distant illisible.") from error
    if not isinstance(document, dict):
        raise FetchError("Document distant illisible.")
    return document


def post_activity(
    url: str, activity: dict, *, key_id: str, private_key_pem: str
) -> int:
    """POST a signed activity; the remote status code (raises on network errors)."""
    check_url(url)
    body = json.dumps(activity).encode()
    headers = signatures.sign_headers(
        method="POST",
        url=url,
        key_id=key_id,
        private_key_pem=private_key_pem,
        body=body,
    )
    headers["User-Agent"] = USER_AGENT
    try:
        response = requests.post(
            url, data=body, headers=headers, timeout=TIMEOUT, allow_redirects=False
        )
    except requests.RequestException as error:
        raise FetchError(str(error)[:200]) from error
    return response.status_code

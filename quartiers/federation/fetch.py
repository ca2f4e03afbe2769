"""The one HTTP client of the federation: every request that leaves for
another server (fetching an actor, a key or an object, delivering to an
inbox) goes through ``get_json`` or ``post_activity`` here, and no other
module of this app imports an HTTP library (a test keeps it so). Tests
replace these two functions: no test ever touches the network.

Short timeouts, a size cap on what is read, and no address that points back
into the server's own network. A server name is resolved once, every
address it gives is checked, and the connection goes to the address that
was checked: the name is not resolved a second time, so a name that changes
its answer between the check and the connection (DNS rebinding) cannot lead
us inside. TLS still speaks to the name (SNI, certificate checked against
the name) and the Host header carries the name. Redirects are followed only
for reads, at most three, each one checked the same way.
"""

import ipaddress
import json
import re
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings

from . import signatures
from .addresses import ACTIVITY_JSON

TIMEOUT = urllib3.Timeout(connect=3, read=5)
MAX_DOCUMENT_BYTES = 512 * 1024
MAX_REDIRECTS = 3
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = "AvisDeQuartiers (+ActivityPub)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 ranges that carry an IPv4 address inside (6to4 and NAT64): the IPv4
# address is the one that would be reached.
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# A host name whose last label is a number is an IP address written another
# way (decimal "2130706433", octal "0177.0.0.1", hexadecimal "0x7f.1"), which
# resolvers turn into an address: refused before any lookup.
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


class FetchError(Exception):
    pass


@dataclass(frozen=True)
class Target:
    """Where one request goes: the name it is for, the address checked."""

    scheme: str
    host: str  # the name (or the address) written in the URL, lowercased
    port: int
    netloc: str  # the Host header, as signed
    path: str  # path and query
    address: IPAddress  # the one we connect to


def loopback_allowed() -> bool:
    """Two installs side by side on one machine (their test) talk over
    loopback, in plain http. Off unless a settings module turns it on; no
    settings module of the project does."""
    return bool(getattr(settings, "QUARTIERS_FEDERATION_ALLOW_LOOPBACK", False))


def _inner(address: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 address stands for, if it carries one."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address.teredo is not None:
            return address.teredo[1]
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def address_allowed(address: IPAddress) -> bool:
    """A public unicast address (or loopback, when the setting allows it)."""
    inner = _inner(address)
    if inner.is_loopback and loopback_allowed():
        return True
    return all(
        candidate.is_global
        and not candidate.is_multicast
        and not candidate.is_unspecified
        and not candidate.is_reserved
        for candidate in {address, inner}
    )


def _addresses(host: str, port: int) -> list[IPAddress]:
    """Every address a server name resolves to (tests replace it)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"Serveur introuvable : {host[:100]}") from error
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def check_url(url: str) -> Target:
    """Where a request to ``url`` may go, or FetchError. A name is resolved
    here, once, and refused if any of its addresses is internal; the request
    then connects to the address returned, never to the name again."""
    refused = f"Adresse refusée : {url[:200]}"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in ("http", "https") or not host or "@" in parts.netloc:
        raise FetchError(refused)
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(refused) from error
    literal = _literal(host)
    if literal is None and _NUMERIC_LABEL.match(host.rsplit(".", 1)[-1]):
        raise FetchError(refused)
    if scheme == "http" and not settings.DEBUG:
        # Plain http only between two installs on loopback (their test).
        if literal is None or not (_inner(literal).is_loopback and loopback_allowed()):
            raise FetchError(refused)
    found = [literal] if literal is not None else _addresses(host, port)
    if not found:
        raise FetchError(f"Serveur introuvable : {host[:100]}")
    if not all(address_allowed(address) for address in found):
        raise FetchError(f"Adresse interne refusée : {url[:200]}")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme, host, port, parts.netloc, path, found[0])


def _ca_certs() -> str:
    """The certificate authorities a remote server's certificate is checked
    against (tests point it at their own)."""
    return certifi.where()


def _pool(target: Target) -> urllib3.HTTPConnectionPool:
    """A connection to the checked address, speaking TLS to the name."""
    options = {
        "port": target.port,
        "timeout": TIMEOUT,
        "retries": False,
        "maxsize": 1,
    }
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            str(target.address),
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=_ca_certs(),
            **options,
        )
    return urllib3.HTTPConnectionPool(str(target.address), **options)


def _send(
    method: str, target: Target, headers: dict[str, str], body: bytes | None = None
) -> tuple[int, str, bytes]:
    """(status, Location header, body read up to the cap + 1 byte)."""
    pool = _pool(target)
    try:
        response = pool.urlopen(
            method,
            target.path,
            body=body,
            headers={**headers, "Host": target.netloc, "User-Agent": USER_AGENT},
            redirect=False,
            retries=False,
            assert_same_host=False,
            preload_content=False,
        )
        try:
            # We ask for no compression ("identity"): a compressed answer
            # could swell far beyond the cap once decoded.
            encoding = response.headers.get("Content-Encoding", "").strip().lower()
            if encoding not in ("", "identity"):
                raise FetchError("Réponse compressée refusée.")
            content = response.read(MAX_DOCUMENT_BYTES + 1, decode_content=False)
        finally:
            response.release_conn()
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise FetchError(str(error)[:200]) from error
    finally:
        pool.close()
    return response.status, response.headers.get("Location", ""), content


def get_json(url: str, *, key_id: str = "", private_key_pem: str = "") -> dict:
    """GET an ActivityPub document (signed when a key is given, for servers
    in authorized-fetch mode). A redirect is checked like the first address."""
    for _hop in range(MAX_REDIRECTS + 1):
        target = check_url(url)
        headers = {"Accept": ACTIVITY_JSON}
        if key_id and private_key_pem:
            headers.update(
                signatures.sign_headers(
                    method="GET",
                    url=url,
                    key_id=key_id,
                    private_key_pem=private_key_pem,
                )
            )
        status, location, body = _send("GET", target, headers)
        if status in REDIRECT_STATUSES and location:
            url = urljoin(url, location)
            continue
        break
    else:
        raise FetchError("Trop de redirections.")
    if not 200 <= status < 300:
        raise FetchError(f"Le serveur distant répond {status}.")
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
    """POST a signed activity; the remote status code (raises on network
    errors). A redirect is not followed: its status counts as a failure."""
    target = check_url(url)
    body = json.dumps(activity).encode()
    headers = signatures.sign_headers(
        method="POST",
        url=url,
        key_id=key_id,
        private_key_pem=private_key_pem,
        body=body,
    )
    status, _location, _body = _send("POST", target, headers, body)
    return status

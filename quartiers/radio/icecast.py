"""Is the portal's live stream on air? Read from Icecast's status-json.xsl.

The worker polls the status every few seconds (``poll_streams``, from
``manage.py run_periodic``) and keeps it in the shared cache; pages only read
that cache, so no page waits on the network. Whatever goes wrong (server
down, timeout, not JSON, mount absent, never polled) the answer is "hors
antenne": the page never fails because of it.

The server fetches the status address itself, so that address may only point
at the Icecast servers the operator listed (``QUARTIERS_ICECAST_HOSTS``):
refused when an animator saves it, checked again before every fetch, and
redirects are never followed, so it cannot be turned against internal
addresses (cloud metadata, the database, other services).
"""

import http.client
import json
import logging
import urllib.request
from dataclasses import dataclass
from hashlib import sha256
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2.0
# Polled every few seconds (QUARTIERS_PERIODIC_JOBS); a status older than this is
# not believed any more (the worker stopped): "hors antenne".
STATUS_SECONDS = 120
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class StreamStatus:
    on_air: bool
    listeners: int | None = None
    title: str = ""


OFF_AIR = StreamStatus(on_air=False)


DEFAULT_PORTS = {"http": 80, "https": 443}


def _host_port(entry: str) -> tuple[str, int | None] | None:
    """("host", port) of a ``QUARTIERS_ICECAST_HOSTS`` entry; port None: usual."""
    try:
        parts = urlsplit("//" + entry.strip())
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.hostname.lower(), port


def is_allowed(status_url: str) -> bool:
    """Whether the site may fetch this address: http(s) on a configured host."""
    try:
        parts = urlsplit(status_url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return False
    host = parts.hostname.lower()
    for entry in getattr(settings, "QUARTIERS_ICECAST_HOSTS", ()):
        allowed = _host_port(entry)
        if allowed is None or allowed[0] != host:
            continue
        if (allowed[1] or DEFAULT_PORTS[parts.scheme]) == (
            port or DEFAULT_PORTS[parts.scheme]
        ):
            return True
    return False


def refusal(status_url: str) -> str:
    """The French reason why this status address is refused ("" when allowed)."""
    if not status_url or is_allowed(status_url):
        return ""
    hosts = ", ".join(getattr(settings, "QUARTIERS_ICECAST_HOSTS", ())) or "—"
    return _(
        "Le site ne lit l'état que des serveurs Icecast déclarés par "
        "l'hébergeur (%(hosts)s) : l'adresse %(url)s n'en fait pas partie. "
        "Indiquez l'adresse de l'état de l'un de ces serveurs, par exemple "
        "http://127.0.0.1:8000/status-json.xsl, ou demandez à l'hébergeur "
        "d'ajouter le vôtre."
    ) % {"hosts": hosts, "url": status_url}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect could lead anywhere: it is read as "cannot be read"."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)

# Status addresses that failed last time: the periodic poll asks every few
# seconds, so an unreachable server is reported once, then again only after it
# answered in between.
_failing: set[str] = set()


def _report_unreadable(status_url: str, reason: object) -> None:
    if status_url in _failing:
        logger.debug("Icecast status still unreadable at %s: %s", status_url, reason)
        return
    _failing.add(status_url)
    logger.info("Icecast status unreadable at %s: %s", status_url, reason)


def fetch_sources(status_url: str, *, timeout: float = TIMEOUT_SECONDS) -> list | None:
    """The list of sources Icecast reports, or None when it cannot be read."""
    if not is_allowed(status_url):
        # Checked again here, whatever was saved: settings may have changed.
        logger.warning(
            "Icecast status address refused (not configured): %s", status_url
        )
        return None
    request = urllib.request.Request(  # noqa: S310 (http(s) checked above)
        status_url, headers={"User-Agent": "AvisDeQuartiers-radio/1"}
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
    except (OSError, ValueError, http.client.HTTPException) as error:
        # OSError covers refused connections, timeouts and URLError/HTTPError;
        # HTTPException a server that answers something that is not HTTP.
        _report_unreadable(status_url, error)
        return None
    _failing.discard(status_url)
    if len(body) > MAX_BYTES:
        return None
    try:
        data = json.loads(body.decode("utf-8", errors="replace"))
    except ValueError:
        logger.info("Icecast status at %s is not JSON", status_url)
        return None
    icestats = data.get("icestats") if isinstance(data, dict) else None
    if not isinstance(icestats, dict):
        return None
    sources = icestats.get("source")
    # One source is a JSON object, several a list, none: the key is absent.
    if sources is None:
        return []
    if isinstance(sources, dict):
        return [sources]
    if isinstance(sources, list):
        return [s for s in sources if isinstance(s, dict)]
    return None


def _mount_of(source: dict) -> str:
    return urlsplit(str(source.get("listenurl") or "")).path


def find_mount(sources: list, mount: str) -> dict | None:
    """The source of this mount (by path; else by file name, behind a proxy)."""
    for source in sources:
        if _mount_of(source) == mount:
            return source
    name = mount.rsplit("/", 1)[-1]
    if name:
        for source in sources:
            if _mount_of(source).rsplit("/", 1)[-1] == name:
                return source
    return None


def status_from_sources(sources: list | None, mount: str) -> StreamStatus:
    if not sources:
        return OFF_AIR
    source = find_mount(sources, mount)
    if source is None:
        return OFF_AIR
    try:
        listeners = max(0, int(source.get("listeners") or 0))
    except (TypeError, ValueError):
        listeners = None
    title = source.get("title") or source.get("server_name") or ""
    return StreamStatus(on_air=True, listeners=listeners, title=str(title)[:200])


def _cache_key(status_url: str) -> str:
    return "radio:icecast:" + sha256(status_url.encode()).hexdigest()[:32]


def _store():
    # Shared by the web server and the worker that polls (Redis, or files).
    from quartiers.portals.pagecache import shared_cache

    return shared_cache()


def stream_status(stream_url: str, status_url: str) -> StreamStatus:
    """On air, listeners and title of one stream, as last polled: read from
    the cache only, so no page ever waits on the network. Nothing polled
    yet, or not for ``STATUS_SECONDS`` (the worker stopped): "hors antenne"."""
    if not stream_url or not status_url:
        return OFF_AIR
    try:
        cached = _store().get(_cache_key(status_url))
    except Exception:  # a cache that is down: the page still answers
        logger.warning("Icecast status unreadable from the cache", exc_info=True)
        return OFF_AIR
    if not isinstance(cached, dict):
        return OFF_AIR
    return status_from_sources(cached["sources"], urlsplit(stream_url).path or "/")


def refresh(status_url: str) -> list | None:
    """Fetch one status address now and keep the answer (failures too) for
    the pages; the worker calls it (``poll_streams``), never a page."""
    sources = fetch_sources(status_url)
    _store().set(_cache_key(status_url), {"sources": sources}, STATUS_SECONDS)
    return sources


def _shown(status: StreamStatus) -> tuple:
    # What the cached pages print; listener counts may lag a page's lifetime.
    return (status.on_air, status.title)


def poll_streams() -> int:
    """Refresh every portal's live status (each status address once), and
    draw again the cached pages of the portals that went on or off air."""
    from quartiers.portals.pagecache import bump_portal_cache

    from .models import RadioSettings

    by_url: dict[str, list] = {}
    for radio in RadioSettings.objects.exclude(stream_url="").only(
        "portal_id", "stream_url", "status_url"
    ):
        by_url.setdefault(radio.effective_status_url, []).append(radio)
    for status_url, radios in by_url.items():
        before = [_shown(stream_status(r.stream_url, status_url)) for r in radios]
        refresh(status_url)
        for radio, shown in zip(radios, before, strict=True):
            if _shown(stream_status(radio.stream_url, status_url)) != shown:
                bump_portal_cache(radio.portal_id)
    return len(by_url)


def forget(status_url: str) -> None:
    _store().delete(_cache_key(status_url))

"""Is the portal's live stream on air? Read from Icecast's status-json.xsl.

The answer is cached a few seconds (shared by every portal on the same
server), and whatever goes wrong (server down, timeout, not JSON, mount
absent) the answer is "hors antenne": the page never fails because of it.
"""

import http.client
import json
import logging
import urllib.request
from dataclasses import dataclass
from hashlib import sha256
from urllib.parse import urlsplit

from django.core.cache import cache

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2.0
CACHE_SECONDS = 15
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class StreamStatus:
    on_air: bool
    listeners: int | None = None
    title: str = ""


OFF_AIR = StreamStatus(on_air=False)


def fetch_sources(status_url: str, *, timeout: float = TIMEOUT_SECONDS) -> list | None:
    """The list of sources Icecast reports, or None when it cannot be read."""
    if urlsplit(status_url).scheme not in ("http", "https"):
        return None
    request = urllib.request.Request(  # noqa: S310 (http(s) checked above)
        status_url, headers={"User-Agent": "AvisDeQuartiers-radio/1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
    except (OSError, ValueError, http.client.HTTPException) as error:
        # OSError covers refused connections, timeouts and URLError/HTTPError;
        # HTTPException a server that answers something that is not HTTP.
        logger.info("Icecast status unreadable at %s: %s", status_url, error)
        return None
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


def stream_status(stream_url: str, status_url: str) -> StreamStatus:
    """On air, listeners and title of one stream, cached ``CACHE_SECONDS``."""
    if not stream_url or not status_url:
        return OFF_AIR
    key = _cache_key(status_url)
    cached = cache.get(key)
    if cached is None:
        sources = fetch_sources(status_url)
        # Failures are cached too: a server that is down costs one timeout
        # every few seconds, not one per visitor.
        cached = {"sources": sources}
        cache.set(key, cached, CACHE_SECONDS)
    return status_from_sources(cached["sources"], urlsplit(stream_url).path or "/")


def forget(status_url: str) -> None:
    cache.delete(_cache_key(status_url))

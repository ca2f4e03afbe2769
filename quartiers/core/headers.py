"""Content-Security-Policy and Permissions-Policy: one middleware writes both.

The policies themselves are settings (``QUARTIERS_CSP``, ``QUARTIERS_CSP_ADMIN``,
``QUARTIERS_PERMISSIONS_POLICY``); this module only assembles them per response:

* Public pages run no inline script and no inline style: scripts are static
  files. The few style values a page computes (a portal's colours) go through
  the ``{% css_vars %}`` and ``{% inline_style %}`` template tags, which record
  the SHA-256 of exactly what they wrote; the policy allows those hashes and
  nothing else, so a ``style`` that slipped into a page does not apply.
* A page that shows something from another origin says so where it shows it:
  ``{% csp_allow "media-src" stream_url %}`` (a radio's Icecast stream),
  ``{% map_tiles %}`` (the tile server of the maps, from ``QUARTIERS_MAP_TILES``).
* A page that needs a browser feature asks for it: ``{% allow_feature
  "microphone" %}`` on the testimony recorder; every other page denies it.
* The Wagtail admin gets its own, looser policy (Wagtail still writes inline
  scripts and styles), still without plugins, foreign forms or base changes.
* frame-ancestors says what X-Frame-Options says: 'none' by default, 'self'
  where a view asked for SAMEORIGIN (Wagtail's previews), and what the view
  wrote where it is exempt (widgets and oEmbed frames: "*").
* A view that wrote a complete policy itself (with default-src, e.g. the
  sandbox of uploaded files) keeps it untouched; a view that wrote a few
  directives keeps those, and the rest comes from the settings.

Template tags find where to record through the template context: the request
(``request.page_policy``), or a ``page_policy`` entry for pages rendered
without a request (widgets), which the view then hands to the response.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import storages

logger = logging.getLogger(__name__)

CSP_HEADER = "Content-Security-Policy"
PERMISSIONS_HEADER = "Permissions-Policy"


@dataclass
class PagePolicy:
    """What one page adds to the settings' policy while it is rendered."""

    sources: dict[str, list[str]] = field(default_factory=dict)
    style_hashes: list[str] = field(default_factory=list)
    features: set[str] = field(default_factory=set)

    def allow(self, directive: str, source: str) -> None:
        kept = self.sources.setdefault(directive, [])
        if source and source not in kept:
            kept.append(source)

    def allow_style(self, text: str) -> None:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in self.style_hashes:
            self.style_hashes.append(source)

    def allow_feature(self, feature: str) -> None:
        self.features.add(feature)

    def merge(self, other: PagePolicy | None) -> None:
        if other is None:
            return
        for directive, sources in other.sources.items():
            for source in sources:
                self.allow(directive, source)
        for source in other.style_hashes:
            if source not in self.style_hashes:
                self.style_hashes.append(source)
        self.features |= other.features


def page_policy_of(holder) -> PagePolicy:
    """The policy additions of a request (or a response), created on first use."""
    found = getattr(holder, "page_policy", None)
    if found is None:
        found = PagePolicy()
        holder.page_policy = found
    return found


def origin_of(url: str) -> str:
    """'https://radio.example.org' for any absolute http(s) URL, else ''."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname
    if ":" in host:  # IPv6
        host = f"[{host}]"
    port = f":{parts.port}" if _port(parts) else ""
    return f"{parts.scheme}://{host}{port}"


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def _is_admin(request) -> bool:
    path = request.path_info or ""
    return any(path.startswith(prefix) for prefix in settings.QUARTIERS_CSP_ADMIN_PATHS)


@functools.cache
def _storage_origins() -> tuple[str, ...]:
    """The origin uploaded files are handed out from (object storage, a CDN),
    asked once of the storage itself: with S3 it is not MEDIA_URL."""
    try:
        origin = origin_of(storages["default"].url("csp"))
    except Exception:  # a storage that cannot name a file: nothing to add
        logger.warning("no address from the file storage", exc_info=True)
        return ()
    return (origin,) if origin else ()


def _files_origins() -> list[str]:
    """Where static and uploaded files come from when not from this site."""
    origins = [
        origin_of(url)
        for url in (
            settings.STATIC_URL,
            settings.MEDIA_URL,
            *settings.QUARTIERS_CSP_FILES_ORIGINS,
        )
    ]
    return [origin for origin in (*origins, *_storage_origins()) if origin]


def parse_policy(value: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def format_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(
        " ".join([name, *sources]) if sources else name
        for name, sources in directives.items()
    )


def build_policy(request, response) -> str | None:
    """The Content-Security-Policy of a response, or None to leave it as it is."""
    written = parse_policy(response.get(CSP_HEADER, ""))
    same_origin = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
    if "default-src" in written:
        # A whole policy is already there: the view's (e.g. a sandbox), or
        # ours from further in. Wagtail's preview draws the page through the
        # middlewares for the page's own address, then asks for SAMEORIGIN:
        # the admin frames it, so frame-ancestors follows.
        if same_origin and written.get("frame-ancestors") == ["'none'"]:
            written["frame-ancestors"] = ["'self'"]
            return format_policy(written)
        return None
    admin = _is_admin(request)
    base = settings.QUARTIERS_CSP_ADMIN if admin else settings.QUARTIERS_CSP
    directives = {name: list(sources) for name, sources in base.items()}

    def add(name: str, source: str) -> None:
        kept = directives.setdefault(name, ["'self'"])
        if "'none'" in kept:
            kept.remove("'none'")
        if source not in kept:
            kept.append(source)

    for origin in _files_origins():
        for name in ("img-src", "media-src", "script-src", "style-src", "font-src"):
            add(name, origin)
    extra = PagePolicy()
    extra.merge(getattr(request, "page_policy", None))
    extra.merge(getattr(response, "page_policy", None))
    for name, sources in extra.sources.items():
        for source in sources:
            add(name, source)
    if extra.style_hashes and not admin:
        # Hashes of style attributes only count with 'unsafe-hashes'.
        for source in ["'unsafe-hashes'", *extra.style_hashes]:
            add("style-src", source)
    if getattr(response, "xframe_options_exempt", False):
        directives.pop("frame-ancestors", None)
    elif same_origin:
        directives["frame-ancestors"] = ["'self'"]
    directives.update(written)  # what the view wrote wins
    return format_policy(directives)


def build_permissions_policy(request, response) -> str:
    extra = PagePolicy()
    extra.merge(getattr(request, "page_policy", None))
    extra.merge(getattr(response, "page_policy", None))
    parts = []
    for feature, allowed in settings.QUARTIERS_PERMISSIONS_POLICY.items():
        if feature in extra.features:
            allowed = "self"
        parts.append(f"{feature}=({allowed})")
    return ", ".join(parts)


class SecurityHeadersMiddleware:
    """Write Content-Security-Policy and Permissions-Policy on every response.

    Place it early enough to see the answers of the middlewares that answer
    by themselves (redirects, refusals, a 503), and PageHeadersMiddleware
    after the page cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = build_policy(request, response)
        if policy is not None:
            response[CSP_HEADER] = policy
        if PERMISSIONS_HEADER not in response:
            response[PERMISSIONS_HEADER] = build_permissions_policy(request, response)
        return response


class PageHeadersMiddleware(SecurityHeadersMiddleware):
    """The same, placed after the page cache: a page is kept with the policy
    its drawing asked for (the hashes of its styles, the origins it shows),
    and SecurityHeadersMiddleware then leaves that complete policy alone."""

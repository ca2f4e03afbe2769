"""Absolute addresses for what leaves the site (feeds, widgets, oEmbed)."""

import mimetypes
import re
from datetime import datetime
from urllib.parse import urlsplit

from django.utils.dateparse import parse_datetime

from quartiers.portals.exposing import IMAGE_SPEC, publishable

_ROOT_RELATIVE = re.compile(r'(\s(?:src|href)=")/(?!/)')


def public_url(request, path: str) -> str:
    """``path`` (e.g. /alpha/journal/x/) as an absolute URL for this request.

    On a portal's own domain the portal is served at "/", so its own
    addresses lose their /<slug> prefix.
    """
    if path.startswith(("http://", "https://")):
        return path
    portal = getattr(request, "portal", None)
    prefix = f"/{portal.slug}/" if portal is not None else ""
    if (
        prefix
        and getattr(request, "portal_root", "") == "/"
        and path.startswith(prefix)
    ):
        path = path[len(prefix) - 1 :]
    return request.build_absolute_uri(path)


def portal_url(request, portal, path: str = "") -> str:
    """An address of ``portal`` (its root, or ``path`` under it)."""
    return public_url(request, f"/{portal.slug}/{path}")


def absolutize(request, html: str) -> str:
    """Root-relative src and href of an HTML fragment made absolute."""
    if not html:
        return ""
    base = request.build_absolute_uri("/")[:-1]
    return _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{base}/", html)


def image_rendition(image, spec: str = IMAGE_SPEC):
    """The rendition of a publishable image, or None (missing file...)."""
    image = publishable(image)
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except (OSError, ValueError):
        # A lost or unreadable original must not break a whole list.
        return None


def image_url(request, image, spec: str = IMAGE_SPEC) -> str:
    rendition = image_rendition(image, spec)
    if rendition is None:
        return ""
    return public_url(request, rendition.url)


def file_facts(rendition) -> tuple[str, str]:
    """(length in bytes, MIME type) of a rendition's file, for enclosures."""
    try:
        length = str(rendition.file.size)
    except (OSError, ValueError):
        length = "0"
    mime = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return length, mime


def as_datetime(value) -> datetime | None:
    """A kind's date (``extra["start"]`` is ISO text) as an aware datetime."""
    if isinstance(value, str):
        try:
            value = parse_datetime(value)
        except ValueError:
            return None
    return value if isinstance(value, datetime) else None


# --- Permanent addresses and identifiers --------------------------------------
# What other programs keep (podcast guids, feed and item ids, canonical links)
# must not depend on the host a request came through: they are built from the
# install's BASE_URL, or from a portal's own domain when it has one.


def base_url() -> str:
    """The install's public address, without a trailing slash."""
    from django.conf import settings

    return (
        getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost"
    ).rstrip("/")


def id_authority() -> str:
    """The authority of our tag: URIs (RFC 4151): a setting, else BASE_URL's host.

    It never follows a request's Host header nor a portal's own domain, so an
    item keeps its id when a portal moves to its own domain.
    """
    from django.conf import settings

    authority = getattr(settings, "QUARTIERS_FEED_ID_AUTHORITY", "")
    if not authority:
        authority = urlsplit(base_url()).hostname or "localhost"
    return authority


def tag_uri(specific: str) -> str:
    """A permanent id, e.g. tag:example.org,2025:article-12."""
    return f"tag:{id_authority()},2025:{specific}"


def own_domain_root(portal) -> str:
    """https://host of the portal's own domain ("" when it has none).

    Read from Wagtail's cached list of site roots: no query per page.
    """
    from wagtail.models import Site

    if portal is None or not portal.home_page_id:
        return ""
    # A portal's home is /<hub>/<portal slug>/ in the tree (it answers at
    # /<slug>/ on the network's domain), so its site root is found by slug.
    for root in Site.get_site_root_paths():
        parts = root.root_path.strip("/").split("/")
        if len(parts) == 2 and parts[1] == portal.slug:
            return root.root_url.rstrip("/")
    return ""


def canonical_url(portal, path: str) -> str:
    """The permanent absolute address of ``path`` (e.g. /alpha/journal/x/):
    on the portal's own domain when it has one, else under BASE_URL."""
    if path.startswith(("http://", "https://")):
        return path
    root = own_domain_root(portal) if portal is not None else ""
    prefix = f"/{portal.slug}/" if portal is not None else ""
    if root and prefix and path.startswith(prefix):
        return root + path[len(prefix) - 1 :]
    return base_url() + path

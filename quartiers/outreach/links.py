"""Absolute addresses for what leaves the site (feeds, widgets, oEmbed)."""

import mimetypes
import re
from datetime import datetime

from django.utils.dateparse import parse_datetime

from .exposing import IMAGE_SPEC, publishable

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

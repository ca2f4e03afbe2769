"""Resolve the portal once per request, into request.portal.

A portal answers either under /<slug>/ on the network's own site, or at the
root of its own domain (a Wagtail Site whose root is the portal's home page).
"""

from wagtail.models import Site

from . import selectors
from .constants import RESERVED_SLUGS


def resolve_portal(request):
    """Return (portal or None, the URL root of the portal's pages)."""
    first = request.path_info.lstrip("/").split("/", 1)[0]
    if first in RESERVED_SLUGS:
        return None, "/"
    site = Site.find_for_request(request)
    if site is not None and not site.is_default_site:
        portal = selectors.portal_by_home_page_id(site.root_page_id)
        if portal is not None:
            return portal, "/"
    if not first:
        return None, "/"
    portal = selectors.portal_by_slug(first.lower())
    if portal is None:
        return None, "/"
    return portal, f"/{portal.slug}/"


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal, request.portal_root = resolve_portal(request)
        return self.get_response(request)

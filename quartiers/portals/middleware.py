"""Resolve the portal once per request, into request.portal.

A portal answers either under /<slug>/ on the network's own site, or at the
root of its own domain (a Wagtail Site whose root is the portal's home page).
"""

from django.http import HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path
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


def renamed_portal_url(request) -> str | None:
    """Where /<old slug>/... lives now that its portal has a new address.

    Asked only when no portal answers the first segment, so a live portal's
    pages never pay for it.
    """
    from .models import PortalSlugAlias

    first, _sep, rest = request.path_info.lstrip("/").partition("/")
    if not first or first.lower() in RESERVED_SLUGS:
        return None
    alias = (
        PortalSlugAlias.objects.filter(old_slug=first.lower())
        .select_related("portal")
        .first()
    )
    if alias is None:
        return None
    prefix = request.path[: len(request.path) - len(request.path_info)]
    url = escape_uri_path(f"{prefix}/{alias.portal.slug}/{rest}".replace("//", "/"))
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal, request.portal_root = resolve_portal(request)
        if request.portal is None:
            target = renamed_portal_url(request)
            if target is not None:
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)

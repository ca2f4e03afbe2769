"""The search pages: /<p>/recherche/ (a route of the portal home) and the
network-wide /recherche/. Both work without JavaScript (a GET form and
links), answer 200 to any query, and never index themselves."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from wagtail.models import Site

from quartiers.core import ratelimit
from quartiers.portals import selectors as portal_selectors

from . import selectors
from .query import MAX_CHARS


def portal_search(page, request):
    """/<p>/recherche/?q=…&type=…&tri=…&page=…"""
    return _respond(request, portal=request.portal, page=page)


def network_search(request):
    """/recherche/: the whole network, or the portal whose own domain this is."""
    portal = _own_domain_portal(request)
    if portal is not None:
        request.portal, request.portal_root = portal, "/"
        return _respond(request, portal=portal)
    if "search" in settings.QUARTIERS_RATE_LIMITS and not ratelimit.hit(
        "search", *ratelimit.request_keys(request)
    ):
        return ratelimit.too_many(request, retry_after=ratelimit.seconds_left("search"))
    return _respond(request, portal=None)


def _own_domain_portal(request):
    # /recherche/ is a reserved first segment, so the portal middleware does
    # not look at the site; on a portal's own domain it is that portal's.
    site = Site.find_for_request(request)
    if site is None or site.is_default_site:
        return None
    return portal_selectors.portal_by_home_page_id(site.root_page_id)


def _query_string(**params) -> str:
    return urlencode({key: value for key, value in params.items() if value})


def _respond(request, *, portal, page=None):
    outcome = selectors.search(
        portal=portal,
        raw_query=request.GET.get("q", ""),
        kind_key=request.GET.get("type", ""),
        sort=request.GET.get("tri", ""),
        page_number=request.GET.get("page"),
    )
    q = outcome.query.text
    kind_key = outcome.kind.key if outcome.kind else ""
    sort = "" if outcome.sort == selectors.RELEVANCE else outcome.sort
    facets = [
        {
            "label": facet.kind.label_plural,
            "count": facet.count,
            "partial": facet.partial,
            "url": "?" + _query_string(q=q, type=facet.kind.key, tri=sort),
            "current": facet.kind.key == kind_key,
        }
        for facet in outcome.facets
    ]
    sorts = [
        {
            "key": key,
            "url": "?" + _query_string(q=q, type=kind_key, tri=key),
            "current": key == outcome.sort,
        }
        for key in selectors.SORTS
    ]
    pagination = _query_string(q=q, type=kind_key, tri=sort)
    context = {
        "page": page,
        "outcome": outcome,
        "q": q,
        "network": portal is None,
        "action": f"{request.portal_root}recherche/" if portal else "/recherche/",
        "all_url": "?" + _query_string(q=q, tri=sort),
        "facets": facets,
        "sorts": sorts,
        "pagination_query": pagination + "&" if pagination else "",
        "suggestion_url": "?" + _query_string(q=outcome.suggestion, type=kind_key),
        "q_max": MAX_CHARS,
        "kind_key": kind_key,
    }
    return TemplateResponse(request, "search/results.html", context)

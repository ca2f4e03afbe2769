"""A portal that moved to another install keeps its addresses: once it is
gone from here, every ``/<slug>/…`` that would answer 404 answers a
permanent redirect to the same path over there. Only a 404 looks the slug
up, so the pages of the portals that stay cost nothing more."""

import logging

from django.core.cache import cache
from django.http import HttpResponsePermanentRedirect

logger = logging.getLogger(__name__)

CACHE_KEY = "quartiers:moved-portals"
CACHE_SECONDS = 60


def moved_portals() -> dict[str, str]:
    """{slug: new base address}, read at most once a minute per process.
    A database or cache that fails gives {}: the request goes on, and the
    health endpoint or the error pages say what is wrong."""
    from django.db import DatabaseError

    try:
        moved = cache.get(CACHE_KEY)
    except Exception:  # noqa: BLE001 - a cache server down raises its own errors
        moved = None
    if moved is None:
        from .models import MovedPortal

        try:
            moved = dict(MovedPortal.objects.values_list("slug", "new_base_url"))
        except DatabaseError:
            return {}
        try:
            cache.set(CACHE_KEY, moved, CACHE_SECONDS)
        except Exception:  # noqa: BLE001 - read again next time
            logger.debug("moved portals not cached", exc_info=True)
    return moved


class MovedPortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        slug = request.path_info.lstrip("/").split("/", 1)[0]
        if slug:
            moved = moved_portals()
            if slug in moved:
                target = moved[slug].rstrip("/") + request.get_full_path()
                return HttpResponsePermanentRedirect(target)
        return response

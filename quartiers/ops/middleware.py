"""A portal that moved to another install keeps its addresses: every
``/<slug>/…`` answers a permanent redirect to the same path over there."""

from django.core.cache import cache
from django.http import HttpResponsePermanentRedirect

CACHE_KEY = "quartiers:moved-portals"
CACHE_SECONDS = 60


def moved_portals() -> dict[str, str]:
    """{slug: new base address}, read at most once a minute per process."""
    moved = cache.get(CACHE_KEY)
    if moved is None:
        from .models import MovedPortal

        moved = dict(MovedPortal.objects.values_list("slug", "new_base_url"))
        cache.set(CACHE_KEY, moved, CACHE_SECONDS)
    return moved


class MovedPortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        slug = request.path_info.lstrip("/").split("/", 1)[0]
        if slug:
            moved = moved_portals()
            if slug in moved:
                target = moved[slug].rstrip("/") + request.get_full_path()
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)

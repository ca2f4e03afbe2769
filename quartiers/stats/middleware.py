"""Count page views on the server, after the page is answered.

Place it before the page cache (``quartiers.portals.pagecache``) and
``PortalMiddleware``: a page served from the cache still goes back out
through this middleware, which learns its portal from the cache, so it is
still counted. Counting writes nothing while the page is answered: the view
goes to a buffer in memory that a thread writes to the database every few
seconds (``counting``). A cache placed in front of Django (nginx, a CDN)
would hide those views; that cache must then let HTML pages through to
Django.
"""

from django.utils import timezone

from quartiers.core.ratelimit import client_ip

from . import counting


class AudienceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if counting.should_count(request, response):
            day = timezone.localdate()
            portal_id = counting.audience_portal(request)[0]
            counting.record(
                portal_id=portal_id,
                day=day,
                path=counting.portal_path(request),
                new_visit=counting.is_new_visit(
                    ip=client_ip(request),
                    user_agent=request.headers.get("User-Agent", ""),
                    portal_id=portal_id,
                    day=day,
                ),
            )
        return response

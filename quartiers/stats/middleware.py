"""Count page views on the server, after the page is answered.

Place it after ``PortalMiddleware`` (it needs ``request.portal``) and, when a
page cache comes, before Django's ``FetchFromCacheMiddleware``: a page served
from that cache still goes back out through this middleware, so it is still
counted. A cache placed in front of Django (nginx, a CDN) would hide those
views from it; that cache must then let HTML pages through to Django.
"""

from django.utils import timezone

from quartiers.core.ratelimit import client_ip

from . import counting, services


class AudienceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if counting.should_count(request, response):
            day = timezone.localdate()
            portal_id = request.portal.pk
            services.page_view_record(
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

"""Content negotiation: the address of an article, an event, an episode or a
video answers its ActivityStreams object to a client that asks for one
(``Accept: application/activity+json``), and a portal's home its Group actor.

It runs before the page cache (which keys on the address only), and only for
GET requests asking for ActivityStreams; every other request goes on as
before. What the public may not see answers 404, as the page does.
"""

from django.http import HttpResponsePermanentRedirect

from quartiers.portals.middleware import resolve_portal

from . import addresses, objects, selectors, views


class ActivityPubNegotiationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or not views.wants_activity_json(request):
            return self.get_response(request)
        if not request.path_info.endswith("/"):
            return self.get_response(request)
        portal, root = resolve_portal(request)
        if portal is None:
            return self.get_response(request)
        path = request.path_info
        if root == "/":  # the portal's own domain serves it at "/"
            path = f"/{portal.slug}{path}"
        if path == portal.get_absolute_url():
            return HttpResponsePermanentRedirect(addresses.actor_id(portal))
        if selectors.public_portal(portal.slug) is None:
            return views.error(404, "Ce contenu n'existe pas ou n'est pas public.")
        refused = views.signed_read_refused(request, portal)
        if refused is not None:
            return refused
        item = selectors.item_at(portal, path)
        if item is None:
            if selectors.is_item_path(portal, path):
                return views.error(404, "Ce contenu n'existe pas ou n'est pas public.")
            return self.get_response(request)
        return views.activity_response(
            request, objects.as_document(objects.to_object(item))
        )

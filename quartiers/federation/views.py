"""The fediverse's doors: WebFinger, NodeInfo, each portal's Group actor and
its collections, the inboxes. Thin: parse, call one service or selector,
answer JSON (errors in French, never a 500)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from quartiers.portals.models import Portal

from . import addresses, inbox, objects, selectors, services
from .addresses import ACTIVITY_JSON, LD_JSON
from .services import InboxError

PAGE_SIZE = 20
MAX_PAGE = 50


def error(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"erreur": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def wants_activity_json(request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/activity+json" in accept or (
        "application/ld+json" in accept and "activitystreams" in accept
    )


def activity_response(request, document: dict, status: int = 200) -> JsonResponse:
    accept = request.headers.get("accept", "")
    content_type = LD_JSON if "application/ld+json" in accept else ACTIVITY_JSON
    response = JsonResponse(
        document,
        status=status,
        content_type=content_type,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Vary"] = "Accept, Signature"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _not_found() -> JsonResponse:
    return error(404, "Ce compte n'existe pas ou n'est pas public.")


def _portal_or_none(slug: str) -> Portal | None:
    return selectors.public_portal(slug)


def signed_read_refused(request, portal: Portal) -> JsonResponse | None:
    """In authorized-fetch mode, reads must be signed by a remote server."""
    actor = selectors.portal_actor(portal)
    if actor is None or not actor.authorized_fetch:
        return None
    try:
        inbox.authenticate(request, portal=portal)
    except InboxError as refused:
        return error(refused.status, refused.message)
    return None


# --- Discovery ---------------------------------------------------------------


def _own_domain_hosts(portal: Portal) -> set[str]:
    from wagtail.models import Site

    return {
        site.hostname.lower()
        for site in Site.objects.filter(root_page_id=portal.home_page_id)
    }


@require_GET
def webfinger(request):
    resource = request.GET.get("resource", "").strip()
    slug = ""
    if resource.startswith("acct:"):
        user, _sep, domain = resource[5:].lstrip("@").partition("@")
        slug = user.lower()
        portal = _portal_or_none(slug) if slug else None
        hosts = {addresses.host().lower(), urlsplit(addresses.base_url()).hostname}
        if portal is not None and domain.lower() not in hosts:
            if domain.lower() not in _own_domain_hosts(portal):
                portal = None
    elif resource.startswith(("http://", "https://")):
        slug = addresses.portal_from_actor_id(resource) or ""
        portal = _portal_or_none(slug) if slug else None
    else:
        return error(400, "Indiquez resource=acct:portail@serveur.")
    if portal is None:
        return _not_found()
    actor_id = addresses.actor_id(portal)
    response = JsonResponse(
        {
            "subject": f"acct:{portal.slug}@{addresses.host()}",
            "aliases": [actor_id, objects._absolute(portal.get_absolute_url())],
            "links": [
                {"rel": "self", "type": ACTIVITY_JSON, "href": actor_id},
                {
                    "rel": "http://webfinger.net/rel/profile-page",
                    "type": "text/html",
                    "href": objects._absolute(portal.get_absolute_url()),
                },
            ],
        },
        content_type="application/jrd+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def nodeinfo_links(request):
    return JsonResponse(
        {
            "links": [
                {
                    "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
                    "href": f"{addresses.base_url()}/nodeinfo/2.1",
                }
            ]
        }
    )


@require_GET
def nodeinfo(request):
    portals = [
        portal
        for portal in Portal.objects.select_related("home_page")
        if selectors.portal_is_public(portal)
    ]
    posts = sum(selectors.outbox_total(portal) for portal in portals)
    return JsonResponse(
        {
            "version": "2.1",
            "software": {
                "name": "avis-de-quartiers",
                "version": getattr(settings, "QUARTIERS_VERSION", "1.0"),
            },
            "protocols": ["activitypub"],
            "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
            "openRegistrations": False,
            "usage": {"users": {"total": len(portals)}, "localPosts": posts},
            "metadata": {"nodeName": "Avis de Quartiers", "groups": len(portals)},
        },
        content_type=(
            'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"'
        ),
    )


# --- The Group actor and its collections ---------------------------------------


@require_GET
def actor(request, slug: str):
    portal = _portal_or_none(slug)
    if portal is None:
        gone = selectors.retired_actor(addresses.actor_id_for(slug.lower()))
        if gone is not None and not selectors.portal_exists(slug):
            # A deleted portal: servers that still know it drop it for good.
            return activity_response(
                request,
                objects.as_document(
                    {
                        "id": gone.actor_id,
                        "type": "Tombstone",
                        "formerType": "Group",
                        "deleted": gone.retired_at.isoformat(),
                    }
                ),
                status=410,
            )
        return _not_found()
    keys = services.portal_actor_ensure(portal)
    return activity_response(
        request, objects.actor(portal, public_key_pem=keys.public_key_pem)
    )


def _page_number(request) -> int | None:
    raw = request.GET.get("page")
    if raw is None:
        return None
    try:
        number = int(raw)
    except ValueError:
        return 0
    return number if 1 <= number <= MAX_PAGE else 0


@require_GET
def outbox(request, slug: str):
    portal = _portal_or_none(slug)
    if portal is None:
        return _not_found()
    refused = signed_read_refused(request, portal)
    if refused is not None:
        return refused
    base = addresses.outbox(portal)
    number = _page_number(request)
    if number == 0:
        return error(400, f"La page doit être un nombre entre 1 et {MAX_PAGE}.")
    if number is None:
        return activity_response(
            request,
            {
                "@context": addresses.AS_CONTEXT,
                "id": base,
                "type": "OrderedCollection",
                "totalItems": selectors.outbox_total(portal),
                "first": f"{base}?page=1",
            },
        )
    items = selectors.outbox_items(
        portal, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1
    )
    page: dict = {
        "@context": objects.CONTEXT,
        "id": f"{base}?page={number}",
        "type": "OrderedCollectionPage",
        "partOf": base,
        "orderedItems": [
            objects.activity(
                "Create",
                portal,
                objects.to_object(item),
                activity_id=f"{objects.to_object(item)['id']}#create",
                published=item.published_at,
            )
            for item in items[:PAGE_SIZE]
        ],
    }
    for activity in page["orderedItems"]:
        activity.pop("@context", None)
    if len(items) > PAGE_SIZE and number < MAX_PAGE:
        page["next"] = f"{base}?page={number + 1}"
    if number > 1:
        page["prev"] = f"{base}?page={number - 1}"
    return activity_response(request, page)


@require_GET
def followers(request, slug: str):
    portal = _portal_or_none(slug)
    if portal is None:
        return _not_found()
    refused = signed_read_refused(request, portal)
    if refused is not None:
        return refused
    # The count only: who follows a neighbourhood is nobody else's business.
    return activity_response(
        request,
        {
            "@context": addresses.AS_CONTEXT,
            "id": addresses.followers(portal),
            "type": "OrderedCollection",
            "totalItems": selectors.followers_count(portal),
        },
    )


@require_GET
def featured(request, slug: str):
    portal = _portal_or_none(slug)
    if portal is None:
        return _not_found()
    refused = signed_read_refused(request, portal)
    if refused is not None:
        return refused
    items = [objects.to_object(item) for item in selectors.featured_items(portal)]
    return activity_response(
        request,
        {
            "@context": objects.CONTEXT,
            "id": addresses.featured(portal),
            "type": "OrderedCollection",
            "totalItems": len(items),
            "orderedItems": items,
        },
    )


# --- Inboxes -------------------------------------------------------------------


def _receive(request, portal: Portal | None):
    try:
        inbox.check_rate(request)
        activity = inbox.read_activity(request)
        sender = inbox.authenticate(request, portal=portal, body=request.body)
        targets = (
            [portal] if portal is not None else services.portals_concerned(activity)
        )
        if not targets:
            raise InboxError(422, "Cette activité ne concerne aucun portail d'ici.")
        for target in targets:
            if selectors.is_blocked(target, sender.uri):
                raise InboxError(403, "Ce compte ou ce serveur est bloqué.")
            services.inbox_receive(portal=target, actor=sender, activity=activity)
    except InboxError as refused:
        return error(refused.status, refused.message)
    return JsonResponse({}, status=202)


@csrf_exempt
@require_http_methods(["POST"])
def portal_inbox(request, slug: str):
    portal = _portal_or_none(slug)
    if portal is None:
        return _not_found()
    return _receive(request, portal)


@csrf_exempt
@require_http_methods(["POST"])
def shared_inbox(request):
    return _receive(request, None)


@require_GET
def note(request, slug: str, note_id: int):
    """An animator's answer, for servers that fetch it by its id."""
    portal = _portal_or_none(slug)
    if portal is None:
        return _not_found()
    found = selectors.group_note(portal, note_id)
    if found is None:
        return error(404, "Ce message n'existe pas.")
    refused = signed_read_refused(request, portal)
    if refused is not None:
        return refused
    return activity_response(request, objects.as_document(objects.group_note(found)))

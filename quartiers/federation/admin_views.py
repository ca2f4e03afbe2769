"""The fediverse screens of the admin: coordinators see every portal's
followers and deliveries; animators moderate the replies that arrive,
accept what remote portals offer, follow remote portals and block servers.

Portals are looked up through ``access``: one not animated answers 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartiers.core.sanitize import clean_html
from quartiers.portals import access

from . import addresses, fetch, selectors, services
from .models import RemoteReply, SharedItem


def overview(request):
    """Each portal one runs, with its followers and its deliveries."""
    portals = list(access.animated_portals(request.user).order_by("name"))
    if not portals:
        raise PermissionDenied
    title = _("Fédivers")
    return TemplateResponse(
        request,
        "federation/admin/overview.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "globe",
            "rows": selectors.portal_status_rows(portals),
            "host": addresses.host(),
            "is_coordinator": access.is_coordinator(request.user),
            "network_blocks": selectors.network_blocks()
            if access.is_coordinator(request.user)
            else [],
        },
    )


def portal_page(request, portal_id):
    portal = access.access_portal(request.user, portal_id)
    title = _("Fédivers — %(name)s") % {"name": portal.name}
    replies = [
        (reply, clean_html(reply.content_html))
        for reply in selectors.pending_replies(portal)
    ]
    return TemplateResponse(
        request,
        "federation/admin/portal.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "globe",
            "portal": portal,
            "handle": f"@{portal.slug}@{addresses.host()}",
            "replies": replies,
            "shares": selectors.proposed_shares(portal),
            "followings": selectors.followings(portal),
        },
    )


@require_POST
def reply_decide(request, portal_id, reply_id):
    portal = access.access_portal(request.user, portal_id)
    reply = access.access_in_portal(RemoteReply.objects.all(), portal, reply_id)
    status = (
        RemoteReply.PUBLISHED
        if request.POST.get("decision") == "publier"
        else RemoteReply.REJECTED
    )
    services.reply_set_status(portal=portal, reply_id=reply.pk, status=status)
    messages.success(request, _("La réponse a été traitée."))
    return redirect("federation_admin:portal", portal.pk)


@require_POST
def reply_answer(request, portal_id, reply_id):
    portal = access.access_portal(request.user, portal_id)
    reply = access.access_in_portal(RemoteReply.objects.all(), portal, reply_id)
    try:
        services.reply_answer(
            portal=portal, reply_id=reply.pk, text=request.POST.get("reponse", "")
        )
    except ValueError:
        messages.error(
            request,
            _("Écrivez une réponse de 1 à %(max)s caractères.")
            % {"max": services.MAX_ANSWER_CHARS},
        )
    else:
        messages.success(request, _("La réponse est publiée et envoyée."))
    return redirect("federation_admin:portal", portal.pk)


@require_POST
def share_decide(request, portal_id, share_id):
    portal = access.access_portal(request.user, portal_id)
    share = access.access_in_portal(SharedItem.objects.all(), portal, share_id)
    status = (
        SharedItem.ACCEPTED
        if request.POST.get("decision") == "accepter"
        else SharedItem.REFUSED
    )
    services.share_set_status(portal=portal, share_id=share.pk, status=status)
    messages.success(request, _("La proposition a été traitée."))
    return redirect("federation_admin:portal", portal.pk)


@require_POST
def follow_remote(request, portal_id):
    portal = access.access_portal(request.user, portal_id)
    address = request.POST.get("adresse", "").strip()
    if not address.startswith("https://") or len(address) > 500:
        messages.error(
            request,
            _(
                "Indiquez l'adresse complète du portail à suivre, "
                "par exemple https://autre-reseau.example/quartier/fedivers."
            ),
        )
        return redirect("federation_admin:portal", portal.pk)
    try:
        services.following_request(portal=portal, actor_uri=address)
    except (fetch.FetchError, services.InboxError):
        messages.error(
            request,
            _(
                "Ce portail ne répond pas ou ne peut pas être suivi. Vérifiez l'adresse."
            ),
        )
    else:
        messages.success(request, _("La demande d'abonnement est envoyée."))
    return redirect("federation_admin:portal", portal.pk)


@require_POST
def block_domain(request, portal_id):
    portal = access.access_portal(request.user, portal_id)
    domain = _domain_or_none(request)
    if domain is None:
        return redirect("federation_admin:portal", portal.pk)
    services.block_add(portal=portal, domain=domain)
    messages.success(request, _("Ce serveur est bloqué pour ce quartier."))
    return redirect("federation_admin:portal", portal.pk)


def _domain_or_none(request) -> str | None:
    domain = request.POST.get("serveur", "").strip().lower()
    if not domain or "/" in domain or "." not in domain or len(domain) > 255:
        messages.error(
            request, _("Indiquez un nom de serveur, par exemple spam.example.")
        )
        return None
    return domain


@require_POST
def block_domain_network(request):
    """The coordinator blocks a server for every portal of the network."""
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    domain = _domain_or_none(request)
    if domain is not None:
        services.block_add(portal=None, domain=domain)
        messages.success(request, _("Ce serveur est bloqué pour tout le réseau."))
    return redirect("federation_admin:overview")

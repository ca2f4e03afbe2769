"""Sharing in the admin: share a piece, answer proposals, withdraw a share.

Every object is looked up among the portals the person animates: another
portal's page, event, proposal or share answers 404 like a missing one.
Views are thin: parse, call one service, answer.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from quartiers.agenda.models import Event
from quartiers.core.templatetags.french import of_place
from quartiers.portals import access
from quartiers.portals.selectors import portal_for_page

from . import kinds, selectors, services
from .forms import SCOPE_CHOSEN, SCOPE_NETWORK, ShareForm
from .models import Share, ShareProposal

TABS = [
    ("recus", gettext_lazy("Propositions reçues")),
    ("repondus", gettext_lazy("Déjà répondu")),
    ("envoyes", gettext_lazy("Mes partages")),
    ("reseau", gettext_lazy("Idées du réseau")),
]


def shares_index(request):
    access.require_animates_any_portal(request.user)
    tab = request.GET.get("onglet")
    if tab not in dict(TABS):
        tab = "recus"
    page_number = request.GET.get("page")
    context = {
        "page_title": _("Partages entre quartiers"),
        "header_icon": "resubmit",
        "tab": tab,
        "tabs": [
            {"key": key, "label": label, "url": f"?onglet={key}"} for key, label in TABS
        ],
        "pending_count": selectors.pending_count(request.user),
        "show_portal": access.animated_portals(request.user).count() > 1,
    }
    if tab in ("recus", "repondus"):
        context["received"] = selectors.received_page(
            request.user,
            pending=tab == "recus",
            page_number=page_number,
            request=request,
        )
    elif tab == "envoyes":
        context["sent"] = selectors.sent_page(
            request.user, page_number=page_number, request=request
        )
    else:
        context["network"] = selectors.network_page(
            request.user, page_number=page_number, request=request
        )
    return render(request, "network/admin/index.html", context)


SEARCH_BUTTON = "chercher"


def _share_form(request, *, portal, item, title, kind_label, back_url):
    posted = request.POST if request.method == "POST" else None
    data = posted or request.GET
    portals, more = selectors.share_target_choices(
        portal,
        query=data.get("q", ""),
        selected=posted.getlist("targets") if posted else (),
    )
    options = {
        "portals": portals,
        "groups": selectors.share_group_choices(),
        "already": selectors.proposed_portal_ids(item),
        "more": more,
    }
    current = selectors.active_share_of(item)
    initial = {"note": current.note, "audience": current.audience} if current else {}
    if posted is not None and SEARCH_BUTTON in posted:
        # "Chercher": show the portals found, keep what was ticked and typed.
        initial = {
            "scope": SCOPE_CHOSEN,
            "groups": posted.getlist("groups"),
            "targets": posted.getlist("targets"),
            "q": posted.get("q", ""),
            "note": posted.get("note", ""),
            "audience": posted.get("audience") or Share.AUDIENCE_NETWORK,
        }
        posted = None
    elif posted is None and data.get("q"):
        initial = {**initial, "scope": SCOPE_CHOSEN, "q": data.get("q")}
    form = ShareForm(posted, initial=initial, **options)
    status = 200
    if posted is not None:
        if form.is_valid():
            data = form.cleaned_data
            network = data["scope"] == SCOPE_NETWORK
            try:
                share = services.share_create(
                    portal=portal,
                    actor=request.user,
                    item=item,
                    targets=[] if network else data["targets"],
                    groups=[] if network else data.get("groups", []),
                    network=network,
                    note=data["note"],
                    audience=data["audience"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                count = share.proposals.count()
                messages.success(
                    request,
                    _(
                        "« %(title)s » est proposé à %(count)s quartier(s). Leurs "
                        "équipes d'animation sont prévenues par email."
                    )
                    % {"title": title, "count": count},
                )
                return redirect(reverse("network_admin:index") + "?onglet=envoyes")
        status = 400
    return render(
        request,
        "network/admin/share_form.html",
        {
            "page_title": _("Partager « %(title)s »") % {"title": title},
            "header_icon": "resubmit",
            "form": form,
            "portal": portal,
            "item_title": title,
            "kind_label": kind_label,
            "back_url": back_url,
            "current": current,
            "search_button": SEARCH_BUTTON,
        },
        status=status,
    )


def _refusal(request, *, title, message, back_url, status=400):
    return render(
        request,
        "network/admin/refusal.html",
        {
            "page_title": _("Partager « %(title)s »") % {"title": title},
            "header_icon": "resubmit",
            "message": message,
            "back_url": back_url,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def share_page(request, page_id: int):
    page = Page.objects.filter(pk=page_id).first()
    portal = portal_for_page(page)
    if portal is None or not access.can_animate(request.user, portal):
        raise Http404
    page = page.specific
    back_url = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    kind = kinds.kind_for_page_class(page.specific_class)
    if kind is None:
        return _refusal(
            request,
            title=page.title,
            message=_(
                "Ce type de page ne se partage pas. On peut partager un article, "
                "une émission, une vidéo ou un événement."
            ),
            back_url=back_url,
        )
    if not page.live:
        return _refusal(
            request,
            title=page.title,
            message=_(
                "« %(title)s » n'est pas encore publié : publiez-le d'abord, puis "
                "partagez-le."
            )
            % {"title": page.title},
            back_url=back_url,
        )
    return _share_form(
        request,
        portal=portal,
        item=page,
        title=page.title,
        kind_label=kind.label,
        back_url=back_url,
    )


@require_http_methods(["GET", "POST"])
def share_event(request, event_id: int):
    event = (
        Event.objects.filter(
            pk=event_id, portal__in=access.animated_portals(request.user)
        )
        .select_related("portal")
        .first()
    )
    if event is None:
        raise Http404
    back_url = reverse("wagtailsnippets_agenda_event:list")
    if event.status != Event.PUBLISHED:
        return _refusal(
            request,
            title=event.title,
            message=_(
                "L'événement « %(title)s » n'est pas encore publié dans l'agenda. "
                "Publiez-le d'abord, puis partagez-le."
            )
            % {"title": event.title},
            back_url=back_url,
        )
    return _share_form(
        request,
        portal=event.portal,
        item=event,
        title=event.title,
        kind_label=kinds.label("event"),
        back_url=back_url,
    )


DECISIONS = {
    "accepter": (
        services.share_accept,
        ShareProposal.ACCEPTED,
        gettext_lazy("Accepter ce partage ?"),
        gettext_lazy(
            "Il apparaîtra dans les listes %(of_portal)s, avec la mention « Publié "
            "par %(origin)s » et un lien vers l'original. Rien n'est copié : si "
            "%(origin)s le corrige ou le retire, votre portail suit."
        ),
        gettext_lazy("Oui, l'ajouter à nos listes"),
        gettext_lazy("C'est fait : le contenu apparaît maintenant dans vos listes."),
    ),
    "refuser": (
        services.share_decline,
        ShareProposal.DECLINED,
        gettext_lazy("Refuser ce partage ?"),
        gettext_lazy(
            "Il n'apparaîtra pas dans les listes %(of_portal)s (ou il en sort, si "
            "vous l'aviez accepté). L'équipe %(of_origin)s voit votre réponse."
        ),
        gettext_lazy("Oui, refuser"),
        gettext_lazy("C'est noté : ce partage n'apparaît pas dans vos listes."),
    ),
}


@require_http_methods(["GET", "POST"])
def proposal_decide(request, proposal_id: int, decision: str):
    if decision not in DECISIONS:
        raise Http404
    proposal = selectors.proposal_for_user(request.user, proposal_id)
    service, _status, title, explanation, button, done = DECISIONS[decision]
    back_url = reverse("network_admin:index")
    error = None
    if request.method == "POST":
        try:
            service(portal=proposal.portal, actor=request.user, proposal_id=proposal.pk)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, done)
            return redirect(back_url)
    return render(
        request,
        "network/admin/confirm.html",
        {
            "page_title": title,
            "header_icon": "resubmit",
            "explanation": explanation
            % {
                "portal": proposal.portal.name,
                "origin": proposal.share.portal.name,
                "of_portal": of_place(proposal.portal.name),
                "of_origin": of_place(proposal.share.portal.name),
            },
            "item": proposal.share,
            "note": proposal.share.note,
            "origin": proposal.share.portal,
            "button": button,
            "danger": decision == "refuser",
            "error": error,
            "back_url": back_url,
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def share_withdraw(request, share_id: int):
    share = selectors.share_for_user(request.user, share_id)
    back_url = reverse("network_admin:index") + "?onglet=envoyes"
    error = None
    if request.method == "POST":
        try:
            services.share_withdraw(
                portal=share.portal, actor=request.user, share_id=share.pk
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Le partage est retiré : le contenu a quitté les autres quartiers."),
            )
            return redirect(back_url)
    return render(
        request,
        "network/admin/confirm.html",
        {
            "page_title": _("Retirer ce partage ?"),
            "header_icon": "resubmit",
            "explanation": _(
                "Le contenu restera en ligne dans votre quartier, mais il quittera "
                "aussitôt les listes des quartiers qui l'avaient accepté, et "
                "l'accueil du réseau."
            ),
            "item": share,
            "note": share.note,
            "origin": share.portal,
            "button": _("Oui, retirer le partage"),
            "danger": True,
            "error": error,
            "back_url": back_url,
        },
        status=400 if error else 200,
    )

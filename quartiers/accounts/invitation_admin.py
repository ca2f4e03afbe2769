"""Animators' screen in the admin: invite people, open a new portal.

An animator invites on the portals they animate only; the coordinator on
every portal (a new portal's first animator). Thin views over
``quartiers.portals.invitations``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from quartiers.portals import access, invitations

from .models import Membership

PER_PAGE = 20


class InvitationForm(forms.Form):
    portal = forms.ModelChoiceField(
        label=gettext_lazy("Quartier"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choisissez le quartier."),
            "invalid_choice": gettext_lazy("Choisissez un de vos quartiers."),
        },
    )
    email = forms.EmailField(
        label=gettext_lazy("Adresse email de la personne"),
        error_messages={
            "required": gettext_lazy("Indiquez l'adresse email de la personne."),
            "invalid": gettext_lazy(
                "Cette adresse email n'est pas valide (exemple : prenom@exemple.fr)."
            ),
        },
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Rôle dans le quartier"),
        choices=Membership.ROLE_CHOICES,
        initial=Membership.RESIDENT,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choisissez un rôle."),
            "invalid_choice": gettext_lazy("Choisissez un rôle dans la liste."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["portal"].queryset = access.animated_portals(user).order_by("name")


def _portal_rows(user):
    animators = Count(
        "memberships",
        filter=Q(
            memberships__role=Membership.ANIMATOR,
            memberships__user__is_active=True,
        ),
    )
    return [
        {"portal": portal, "animators": portal.n_animators}
        for portal in access.animated_portals(user)
        .annotate(n_animators=animators)
        .order_by("-is_open", "name")[:50]
    ]


@require_http_methods(["GET", "POST"])
def index(request):
    access.require_animates_any_portal(request.user)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = invitations.invitation_create(
                portal=form.cleaned_data["portal"],
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Invitation envoyée à %(email)s (valable %(days)s jours).")
                % {"email": invitation.email, "days": invitations.lifetime().days},
            )
            return redirect("invitations_admin:index")
    portals = list(access.animated_portals(request.user).order_by("name"))
    page = Paginator(invitations.pending_invitations(portals), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_title": _("Inviter des personnes"),
        "header_icon": "user",
        "form": form,
        "page_obj": page,
        "portal_rows": _portal_rows(request.user),
        "show_portal": len(portals) > 1,
    }
    return TemplateResponse(
        request,
        "accounts/admin/invitations.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def cancel(request, invitation_id: str):
    access.require_animates_any_portal(request.user)
    invitation = invitations.invitation_cancel(
        actor=request.user, invitation_id=invitation_id
    )
    messages.success(
        request,
        _("L'invitation de %(email)s est annulée.") % {"email": invitation.email},
    )
    return redirect("invitations_admin:index")


@require_POST
def open_portal(request, portal_id: str):
    portal = access.access_portal(request.user, portal_id)
    opening = request.POST.get("open") == "1"
    try:
        invitations.portal_open(portal=portal, actor=request.user, is_open=opening)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if opening:
            messages.success(
                request,
                _(
                    "%(name)s est ouvert : il apparaît sur l'accueil du réseau et à "
                    "l'inscription."
                )
                % {"name": portal.name},
            )
        else:
            messages.success(
                request,
                _("%(name)s n'est plus proposé aux nouveaux habitants.")
                % {"name": portal.name},
            )
    return redirect("invitations_admin:index")

"""Admin screens for animators and coordinators: their portal, its members.

Every object is looked up through the access functions, so an animator of
one portal gets the same 404 for another portal's objects as for missing ones.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartiers.accounts import selectors as account_selectors
from quartiers.accounts import services as account_services
from quartiers.accounts.models import Membership

from . import access, selectors, services
from .forms import (
    MemberRoleForm,
    PortalAddressForm,
    PortalCreateForm,
    PortalSettingsForm,
)


def portal_index(request):
    query = request.GET.get("q", "")
    page = selectors.admin_portals_page(
        request.user, query=query, page_number=request.GET.get("page")
    )
    if (
        page.paginator.count == 1
        and not query
        and not access.is_coordinator(request.user)
    ):
        return redirect("quartiers_admin:settings", portal_id=page[0].pk)
    return render(
        request,
        "portals/admin/index.html",
        {
            "page_title": _("Quartiers"),
            "header_icon": "site",
            "portals": page,
            "query": query,
            "can_create": access.is_coordinator(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def portal_settings(request, portal_id: int):
    portal = access.access_portal_for_animation(request.user, portal_id)
    if request.method == "POST":
        form = PortalSettingsForm(request.POST, instance=portal)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                services.portal_update(portal=portal, actor=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Les réglages du quartier sont enregistrés.")
                )
                return redirect("quartiers_admin:settings", portal_id=portal.pk)
        # Unsaved edits must not leak into the rest of the page.
        portal.refresh_from_db()
    else:
        form = PortalSettingsForm(instance=portal)
    return render(
        request,
        "portals/admin/settings.html",
        {
            "page_title": _("Réglages — %(name)s") % {"name": portal.name},
            "header_icon": "cogs",
            "portal": portal,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def portal_create(request):
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    form = PortalCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            portal = services.portal_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    target = field if field in form.fields else None
                    for item in errors:
                        form.add_error(target, item)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Le portail « %(name)s » est créé, avec toutes ses rubriques.")
                % {"name": portal.name},
            )
            return redirect("quartiers_admin:settings", portal_id=portal.pk)
    return render(
        request,
        "portals/admin/create.html",
        {"page_title": _("Nouveau quartier"), "header_icon": "plus", "form": form},
    )


@require_http_methods(["GET", "POST"])
def portal_address(request, portal_id: int):
    """The coordination changes a portal's address; old ones redirect."""
    portal = access.access_portal(request.user, portal_id)
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    form = PortalAddressForm(request.POST or None, initial={"slug": portal.slug})
    if request.method == "POST" and form.is_valid():
        old_slug = portal.slug
        try:
            portal = services.portal_rename_slug(
                actor=request.user, portal=portal, new_slug=form.cleaned_data["slug"]
            )
        except ValidationError as error:
            by_field = getattr(error, "error_dict", None) and error.message_dict
            for item in (by_field or {}).get("slug") or error.messages:
                form.add_error("slug", item)
        else:
            messages.success(
                request,
                _(
                    "Le quartier est maintenant à l'adresse /%(new)s/ ; "
                    "/%(old)s/ y renvoie."
                )
                % {"new": portal.slug, "old": old_slug},
            )
            return redirect("quartiers_admin:settings", portal_id=portal.pk)
    return render(
        request,
        "portals/admin/address.html",
        {
            "page_title": _("Adresse — %(name)s") % {"name": portal.name},
            "header_icon": "link",
            "portal": portal,
            "form": form,
            "aliases": portal.slug_aliases.order_by("old_slug"),
        },
    )


def member_list(request, portal_id: int):
    portal = access.access_portal_for_animation(request.user, portal_id)
    role = request.GET.get("role") or None
    query = (request.GET.get("q") or "").strip()
    members_page = account_selectors.portal_members_page(
        portal=portal, role=role, query=query, page_number=request.GET.get("page")
    )
    return render(
        request,
        "portals/admin/members.html",
        {
            "page_title": _("Membres — %(name)s") % {"name": portal.name},
            "header_icon": "group",
            "portal": portal,
            "members_page": members_page,
            "roles": Membership.ROLE_CHOICES,
            "current_role": role,
            "query": query,
        },
    )


@require_http_methods(["GET", "POST"])
def member_role(request, portal_id: int, membership_id: int):
    portal = access.access_portal_for_animation(request.user, portal_id)
    membership = access.access_membership_in_portal(portal, membership_id)
    form = MemberRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            account_services.membership_set_role(
                portal=portal,
                actor=request.user,
                membership_id=membership.pk,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_error("role", error.messages[0] if error.messages else error)
        else:
            messages.success(
                request,
                _("%(person)s est maintenant : %(role)s.")
                % {
                    "person": membership.user.public_name,
                    "role": dict(Membership.ROLE_CHOICES)[form.cleaned_data["role"]],
                },
            )
            return redirect("quartiers_admin:members", portal_id=portal.pk)
    return render(
        request,
        "portals/admin/member_role.html",
        {
            "page_title": _("Changer le rôle de %(person)s")
            % {"person": membership.user.public_name},
            "header_icon": "user",
            "portal": portal,
            "membership": membership,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def member_remove(request, portal_id: int, membership_id: int):
    portal = access.access_portal_for_animation(request.user, portal_id)
    membership = access.access_membership_in_portal(portal, membership_id)
    error = None
    if request.method == "POST":
        try:
            account_services.membership_remove(
                portal=portal, actor=request.user, membership_id=membership.pk
            )
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request,
                _("%(person)s ne fait plus partie du portail.")
                % {"person": membership.user.public_name},
            )
            return redirect(reverse("quartiers_admin:members", args=[portal.pk]))
    return render(
        request,
        "portals/admin/member_remove.html",
        {
            "page_title": _("Retirer %(person)s du portail")
            % {"person": membership.user.public_name},
            "header_icon": "warning",
            "portal": portal,
            "membership": membership,
            "error": error,
        },
    )

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from quartiers.accounts import services as account_services

from . import (
    access,
    admin_confinement,
    admin_urls,
    admin_writes,
    audit,
    ownership,
    services,
)

# A page never changes portal by a move (see ownership.py).
hooks.register("before_move_page", ownership.refuse_cross_portal_move)
hooks.register("before_bulk_action", ownership.refuse_cross_portal_bulk_move)
# Deleting several snippets goes through their services too.
hooks.register("before_bulk_action", admin_writes.bulk_delete_through_services)
# Every other admin screen stays in the animator's portals too.
admin_confinement.register_hooks()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("quartiers/", include((admin_urls, "quartiers_admin")))]


class AnimatorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.animated_portals(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_portals_menu_item():
    return AnimatorMenuItem(
        _("Mon quartier"), reverse("quartiers_admin:index"), icon_name="site", order=150
    )


@hooks.register("before_serve_page")
def serve_only_visible_pages(page, request, serve_args, serve_kwargs):
    """Every page Wagtail serves, and every route under it (feeds, chapters,
    sub-pages), follows the one visibility rule: an episode of an unpublished
    show, a video of a portal that switched its TV off answer 404."""
    from django.http import Http404

    from .visibility import page_is_visible

    if not page_is_visible(page, getattr(request, "portal", None)):
        raise Http404


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            services.AUDIT_SETTINGS: (
                _("Modifier les réglages du quartier"),
                _("Réglages du quartier modifiés"),
            ),
            account_services.AUDIT_ROLE: (
                _("Changer le rôle d'un membre"),
                _("Rôle d'un membre changé"),
            ),
            account_services.AUDIT_REMOVE: (
                _("Retirer un membre du quartier"),
                _("Membre retiré du quartier"),
            ),
            services.AUDIT_ADDRESS: (
                _("Changer l'adresse du quartier"),
                _("Adresse du quartier changée (l'ancienne y renvoie)"),
            ),
        },
    )

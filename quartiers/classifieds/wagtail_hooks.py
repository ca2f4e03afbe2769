"""Animators review their portals' ads in the admin: a listing filtered to
their portals, and Publish / Refuse actions that go through the services.

The snippet's own edit form is off on purpose: a raw model form would skip
the services (dates, emails to the author).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from quartiers.portals import access, audit
from quartiers.portals.admin_scoping import PortalScopedViewSet

from . import admin_views, services
from .models import Ad


class AdPermissionPolicy(BasePermissionPolicy):
    """Animators may look at their own portals' ads; nobody edits them raw."""

    def user_has_permission(self, user, action):
        return action in ("view",) and access.animated_portals(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and access.can_animate(user, instance.portal)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return Ad.objects.none()
        return Ad.objects.filter(portal__in=access.animated_portals(user))

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.none()


class AdViewSet(PortalScopedViewSet):
    model = Ad
    icon = "tag"
    menu_label = _("Petites annonces")
    menu_name = "petites-annonces"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "kind", "status", "portal", "author_name", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "text"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "portal",
        "kind",
        "category",
        "title",
        "text",
        "place",
        "price",
        "author_name",
        "status",
        "moderation_note",
        "published_at",
        "expires_at",
    ]
    ordering = ["-created_at"]


register_permission_policy(Ad, AdPermissionPolicy(Ad))
register_snippet(AdViewSet)


@hooks.register("register_admin_urls")
def register_decision_urls():
    return [
        path(
            "annonces/<int:ad_id>/publier/",
            admin_views.ad_publish,
            name="classifieds_publish",
        ),
        path(
            "annonces/<int:ad_id>/refuser/",
            admin_views.ad_refuse,
            name="classifieds_refuse",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def decision_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Ad):
        return
    if snippet.status in (Ad.PENDING, Ad.REFUSED):
        yield Button(
            _("Publier"),
            reverse("classifieds_publish", args=[snippet.pk]),
            icon_name="check",
            priority=10,
        )
    if snippet.status in (Ad.PENDING, Ad.PUBLISHED):
        yield Button(
            _("Refuser"),
            reverse("classifieds_refuse", args=[snippet.pk]),
            icon_name="cross",
            priority=20,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            services.AUDIT_PUBLISH: (
                _("Publier une annonce"),
                _("Annonce publiée après relecture"),
            ),
            services.AUDIT_REFUSE: (_("Refuser une annonce"), _("Annonce refusée")),
        },
    )

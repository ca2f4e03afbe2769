from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from quartiers.portals import access

from . import admin_urls, inbox
from .models import ModerationAction


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("moderation/", include((admin_urls, "moderation_admin")))]


class ModerationMenuItem(MenuItem):
    """Shown to people who animate a portal, with what waits for them."""

    def is_shown(self, request):
        return access.animated_portals(request.user).exists()

    def render_component(self, request):
        # Every kind that waits: comments, reports, pages in review, ads,
        # events, suggested actors (one query a kind).
        waiting = inbox.inbox_total(user=request.user)
        component = super().render_component(request)
        if waiting:
            component.label = f"{self.label} ({waiting})"
        return component


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Modération"),
        reverse("moderation_admin:queue"),
        name="moderation",
        icon_name="warning",
        order=160,
    )


class ModerationPanel(Component):
    name = "quartiers_moderation"
    template_name = "moderation/admin/dashboard_panel.html"
    order = 90

    def __init__(self, counts: dict):
        self.counts = counts

    def get_context_data(self, parent_context):
        queue_url = reverse("moderation_admin:queue")
        return {
            "rows": [
                {
                    "label": kind.label,
                    "count": self.counts[kind.key],
                    "url": f"{queue_url}?type={kind.key}",
                }
                for kind in inbox.KINDS
                if self.counts.get(kind.key)
            ],
            "queue_url": queue_url,
        }


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if access.animated_portals(request.user).exists():
        panels.append(ModerationPanel(inbox.inbox_counts(user=request.user)))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    prefix = "quartiers.moderation."
    labels = {
        ModerationAction.COMMENT_PUBLISH: (
            _("Publier un commentaire"),
            _("Commentaire publié après relecture"),
        ),
        ModerationAction.COMMENT_REFUSE: (
            _("Refuser un commentaire"),
            _("Commentaire refusé"),
        ),
        ModerationAction.REPORT_UPHOLD: (
            _("Retenir un signalement"),
            _("Signalement retenu : contenu retiré"),
        ),
        ModerationAction.REPORT_DISMISS: (
            _("Classer un signalement"),
            _("Signalement classé : contenu maintenu"),
        ),
        ModerationAction.AUTO_HIDE: (
            _("Masquer après des signalements"),
            _("Masqué automatiquement après plusieurs signalements"),
        ),
    }
    for action, (label, message) in labels.items():
        actions.register_action(prefix + action, label, message)

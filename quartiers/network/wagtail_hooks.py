"""Sharing in the Wagtail admin: a "Partager" button on pages and events, the
"Partages" menu item, and a dashboard panel with what waits for an answer."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

from quartiers.agenda.models import Event
from quartiers.portals import access

from . import admin_urls, kinds, selectors, services
from .models import PortalGroup, ShareProposal
from .services import LOG_PREFIX


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("partages/", include((admin_urls, "network_admin")))]


class SharesMenuItem(MenuItem):
    """Shown to animators, with the number of proposals waiting for them."""

    def is_shown(self, request):
        return access.animated_portals(request.user).exists()

    def render_component(self, request):
        component = super().render_component(request)
        waiting = selectors.pending_count(request.user)
        if waiting:
            component.label = f"{self.label} ({waiting})"
        return component


@hooks.register("register_admin_menu_item")
def register_shares_menu_item():
    return SharesMenuItem(
        _("Partages"),
        reverse("network_admin:index"),
        name="partages",
        icon_name="resubmit",
        order=170,
    )


def _share_button(page, priority: int):
    # No query here: the page type comes from the content type cache, and the
    # share view itself checks that the person animates the page's portal.
    if not page.live or kinds.kind_for_page_class(page.specific_class) is None:
        return None
    return Button(
        _("Partager avec d'autres quartiers"),
        reverse("network_admin:share_page", args=[page.pk]),
        icon_name="resubmit",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_share_button(page, user, view_name=None, next_url=None, **kwargs):
    button = _share_button(page, priority=62)
    if button is not None:
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_share_button(page, user, next_url=None, **kwargs):
    button = _share_button(page, priority=45)
    if button is not None:
        yield button


@hooks.register("register_snippet_listing_buttons")
def event_share_button(snippet, user, next_url=None, **kwargs):
    if isinstance(snippet, Event) and snippet.status == Event.PUBLISHED:
        yield Button(
            _("Partager avec d'autres quartiers"),
            reverse("network_admin:share_event", args=[snippet.pk]),
            icon_name="resubmit",
            priority=45,
        )


class SharesPanel(Component):
    name = "quartiers_shares"
    template_name = "network/admin/dashboard_panel.html"
    order = 95

    def __init__(self, waiting: int):
        self.waiting = waiting

    def get_context_data(self, parent_context):
        return {"waiting": self.waiting, "url": reverse("network_admin:index")}


@hooks.register("construct_homepage_panels")
def add_shares_panel(request, panels):
    if access.animated_portals(request.user).exists():
        waiting = selectors.pending_count(request.user)
        if waiting:
            panels.append(SharesPanel(waiting))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    labels = {
        "share": (_("Partager avec d'autres quartiers"), _("Partagé")),
        "withdraw": (_("Retirer un partage"), _("Partage retiré")),
        ShareProposal.ACCEPTED: (_("Accepter un partage"), _("Partage accepté")),
        ShareProposal.DECLINED: (_("Refuser un partage"), _("Partage refusé")),
    }
    for action, (label, message) in labels.items():
        actions.register_action(LOG_PREFIX + action, label, message)


class PortalGroupCreateView(snippet_views.CreateView):
    def save_instance(self):
        return services.portal_group_save(
            actor=self.request.user,
            group=self.form.save(commit=False),
            portals=self.form.cleaned_data.get("portals"),
        )


class PortalGroupEditView(snippet_views.EditView):
    def save_instance(self):
        return services.portal_group_save(
            actor=self.request.user,
            group=self.form.save(commit=False),
            portals=self.form.cleaned_data.get("portals"),
        )


class PortalGroupViewSet(snippet_views.SnippetViewSet):
    """The coordinator's groups of portals (departments, networks of
    neighbourhoods) that animators share with at once. Saved through the
    service: portals that join a group receive what was shared with it."""

    model = PortalGroup
    icon = "group"
    menu_label = _("Groupes de quartiers")
    add_view_class = PortalGroupCreateView
    edit_view_class = PortalGroupEditView
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("code"),
        FieldPanel("portals"),
    ]


register_snippet(PortalGroupViewSet)

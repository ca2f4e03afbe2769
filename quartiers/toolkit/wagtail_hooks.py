from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from quartiers.portals import audit

from . import admin_urls, selectors, services
from .access import reads_animator_pages


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("boite-a-outils/", include((admin_urls, "toolkit_admin")))]


class ToolkitMenuItem(MenuItem):
    def is_shown(self, request):
        return reads_animator_pages(request.user)


@hooks.register("register_admin_menu_item")
def register_toolkit_menu_item():
    return ToolkitMenuItem(
        _("Boîte à outils"),
        reverse("toolkit_admin:index"),
        name="boite-a-outils",
        icon_name="folder-open-inverse",
        order=170,
    )


class ChecklistPanel(Component):
    """A new portal's first steps, on the animator's admin dashboard."""

    name = "quartiers_premiers_pas"
    template_name = "toolkit/admin/checklist_panel.html"
    order = 60

    def __init__(self, portal, items: list[dict]):
        self.portal = portal
        self.items = items

    def get_context_data(self, parent_context):
        request = parent_context.get("request")
        return {
            "portal": self.portal,
            "items": self.items,
            "done_count": sum(1 for item in self.items if item["done"]),
            "action": reverse("toolkit_admin:checklist", args=[self.portal.pk]),
            "next": request.get_full_path() if request else "",
            "csrf_token": parent_context.get("csrf_token"),
        }


@hooks.register("construct_homepage_panels")
def add_checklist_panels(request, panels):
    for portal in selectors.checklist_portals(request.user):
        items = selectors.checklist_for(portal)
        if not all(item["done"] for item in items):
            panels.append(ChecklistPanel(portal, items))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            services.AUDIT_CHECKLIST: (
                _("Cocher les premiers pas"),
                _("Premiers pas du quartier mis à jour"),
            ),
        },
    )

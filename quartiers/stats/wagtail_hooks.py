from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from quartiers.portals import access

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("tableau-de-bord/", include((admin_urls, "stats_admin")))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return access.animated_portals(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Tableau de bord"),
        reverse("stats_admin:dashboard"),
        icon_name="table",
        order=155,
    )

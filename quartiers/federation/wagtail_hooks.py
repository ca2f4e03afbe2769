from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from quartiers.portals import access

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("fedivers/", include((admin_urls, "federation_admin")))]


class FediverseMenuItem(MenuItem):
    def is_shown(self, request):
        return access.animated_portals(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return FediverseMenuItem(
        _("Fédivers"),
        reverse("federation_admin:overview"),
        icon_name="globe",
        order=158,
    )

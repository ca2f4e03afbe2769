from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from quartiers.portals import access

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("lettre/", include((admin_urls, "lettre_admin")))]


class LetterMenuItem(MenuItem):
    def is_shown(self, request):
        return access.animated_portals(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_letter_menu_item():
    return LetterMenuItem(
        _("Lettre du quartier"),
        reverse("lettre_admin:index"),
        name="lettre",
        icon_name="mail",
        order=170,
    )

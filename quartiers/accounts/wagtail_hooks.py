from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from quartiers.portals import access

from . import invitation_admin_urls
from .models import User


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("invitations/", include((invitation_admin_urls, "invitations_admin")))]


class AnimatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.animates_any_portal(request.user)


@hooks.register("register_admin_menu_item")
def register_invitations_menu_item():
    return AnimatorsMenuItem(
        _("Inviter"),
        reverse("invitations_admin:index"),
        name="invitations",
        icon_name="user",
        order=170,
    )


class StaffEmailForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["staff_email_frequency"]
        widgets = {"staff_email_frequency": forms.RadioSelect}


@hooks.register("register_account_settings_panel")
class StaffEmailPanel(BaseSettingsPanel):
    """Staff choose: one email for each thing to decide, or a daily summary."""

    name = "quartiers_staff_email"
    title = _("Emails de l'équipe d'animation")
    tab = notifications_tab
    order = 90
    form_class = StaffEmailForm
    form_object = "user"

    def is_active(self):
        return access.animates_any_portal(self.user)

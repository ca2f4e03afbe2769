"""Staff must protect their account with TOTP before they use the admin."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_2fa(request):
            messages.warning(
                request,
                _(
                    "Pour protéger les contenus de votre quartier, activez la "
                    "double authentification avant d'utiliser l'administration."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_2fa(self, request) -> bool:
        if not settings.QUARTIERS_REQUIRE_STAFF_2FA:
            return False
        if not request.path_info.startswith("/admin/"):
            return False
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return False
        return not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()


class ResidentsOutOfAdminMiddleware:
    """A resident or partner who opens /admin/ gets a kind page, not a loop.

    Wagtail sends a signed-in person without admin access back to the login
    page, which sends them back to /admin/ since they are signed in: an
    endless loop for someone who only followed an old bookmark or an admin
    email. They are told plainly where their own space is instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith("/admin/")
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return render(request, "accounts/not_staff.html", status=403)
        return self.get_response(request)

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.core.exceptions import DisallowedHost
from django.utils.encoding import force_str

from quartiers.core import ratelimit

NETWORK_NAME = "Avis de Quartiers"


@dataclass(frozen=True)
class EmailSite:
    """What account emails call the site: a name people know (the portal
    or the network), never a bare address such as "127.0.0.1:8101"."""

    name: str
    domain: str


def email_site(request) -> EmailSite:
    portal = getattr(request, "portal", None) if request is not None else None
    name = portal.name if portal is not None else NETWORK_NAME
    try:
        domain = request.get_host() if request is not None else ""
    except DisallowedHost:
        domain = ""
    return EmailSite(name=name, domain=domain)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return True

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {"current_site": email_site(allauth_context.request), **context}
        super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return f"[{email_site(allauth_context.request).name}] {force_str(subject)}"

    def get_signup_redirect_url(self, request):
        return "/compte/profil/"

    def get_login_redirect_url(self, request):
        """A partner lands on "Mon organisation" (the directory's page of
        their first portal as a partner); everyone else where allauth says.
        An explicit ?next= still wins: allauth reads it before asking here."""
        from quartiers.portals.features import registry

        from .models import Membership

        user = request.user
        section = registry.section("acteurs")
        if section is not None and not user.is_staff:
            membership = (
                Membership.objects.filter(user=user, role=Membership.PARTNER)
                .select_related("portal")
                .order_by("pk")
                .first()
            )
            if membership is not None:
                root = membership.portal.get_absolute_url()
                return f"{root}{section.slug}/mon-organisation/"
        return super().get_login_redirect_url(request)

    def get_client_ip(self, request) -> str:
        # The same address as every other limit of the platform, from the
        # trusted-proxy settings; never a 500 on a malformed header.
        return ratelimit.client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts failed passwords per account ("key") before even
        # checking the password, so a stranger sending five bad passwords
        # would lock the owner out. Counted per account *and* address, the
        # stranger only locks themself out; the per-address limit still stops
        # one machine trying many accounts.
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{ratelimit.address_key(request)}"

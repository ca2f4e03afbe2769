from allauth.account.adapter import DefaultAccountAdapter

from quartiers.core import ratelimit


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return True

    def get_signup_redirect_url(self, request):
        return "/compte/profil/"

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

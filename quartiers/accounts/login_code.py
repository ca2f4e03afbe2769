"""Asking for a login code: a stranger cannot keep the owner from getting one.

allauth limits code requests per email address ("3/m/key") whoever asks, so
anybody asking three times a minute for someone else's address would keep
its owner from logging in by code, the way out when passwords are limited.
Here the key is the email *and* the client address: the stranger only limits
themself, and the per-address limit still bounds how many emails one machine
sends to anybody.
"""

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.forms import RequestLoginCodeForm
from allauth.account.internal.userkit import filter_users_by_email
from allauth.core import context, ratelimit

from quartiers.core.ratelimit import address_key


class PerAddressRequestLoginCodeForm(RequestLoginCodeForm):
    def clean_email(self) -> str:
        adapter = get_adapter()
        email = self.cleaned_data["email"]
        if email:
            users = filter_users_by_email(
                email, is_active=True, prefer_verified=True, for_login=True
            )
            if not app_settings.PREVENT_ENUMERATION and not users:
                raise adapter.validation_error("unknown_email")
            key = f"{email.lower()}:{address_key(context.request)}"
            if not ratelimit.consume(
                context.request, action="request_login_code", key=key
            ):
                raise adapter.validation_error("too_many_login_attempts")
            self._user = users[0] if users else None
        return email

"""Fixed-window rate limits in the cache, and the real address of a client.

Limits are settings (``QUARTIERS_RATE_LIMITS``: ``action -> (count, seconds)``)
so an operator can tune them. Residents' forms are limited on what they
*achieve*: a view asks :func:`wait_for` before saving and calls :func:`record`
after a successful save, so a form sent back with errors costs nothing. A
logged-in resident is counted on their account only: twenty residents of a
digital-help session share one address and must never block each other.
Anonymous visitors are counted on their address.

The client address comes from :func:`client_ip`, the one function every limit,
allauth (through the account adapter) and the audience counting read. Behind a
reverse proxy, ``REMOTE_ADDR`` is the proxy's; the operator says how many
proxies to trust (``QUARTIERS_TRUSTED_PROXY_COUNT``) or which header the proxy
fills (``QUARTIERS_TRUSTED_CLIENT_IP_HEADER``). Without either setting, no
forwarded header is read at all: anybody can write one.
"""

import ipaddress
import math

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

UNKNOWN_ADDRESS = "inconnue"
# Fields never shown back on the "too many" page.
_SECRET_FIELDS = ("csrfmiddlewaretoken", "password", "password1", "password2")


def _limit(action: str) -> tuple[int, int]:
    count, seconds = settings.QUARTIERS_RATE_LIMITS[action]
    return int(count), max(int(seconds), 1)


# --- The client address ----------------------------------------------------


def _clean_address(value: str | None) -> str | None:
    """A valid IP address (port and IPv6 brackets removed), or None."""
    value = (value or "").strip()
    if not value:
        return None
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]  # IPv4 with a port
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address of the person who sent the request.

    With ``QUARTIERS_TRUSTED_CLIENT_IP_HEADER`` (e.g. ``X-Real-IP`` set by
    nginx), that header. With ``QUARTIERS_TRUSTED_PROXY_COUNT = n``, the n-th
    address from the right of ``X-Forwarded-For``: each trusted proxy appends
    the address it received the request from, so everything to the left of
    that one was written by the client and is ignored. Otherwise, and whenever
    the header is missing or not an address, ``REMOTE_ADDR``.
    """
    remote = _clean_address(request.META.get("REMOTE_ADDR")) or UNKNOWN_ADDRESS
    header = getattr(settings, "QUARTIERS_TRUSTED_CLIENT_IP_HEADER", "") or ""
    proxies = int(getattr(settings, "QUARTIERS_TRUSTED_PROXY_COUNT", 0) or 0)
    if header:
        return _clean_address(request.headers.get(header)) or remote
    if proxies > 0:
        hops = [
            hop.strip()
            for hop in request.headers.get("X-Forwarded-For", "").split(",")
            if hop.strip()
        ]
        if not hops:
            return remote
        # Fewer hops than proxies: the request skipped a proxy; the first
        # address a proxy wrote is still the best we know.
        return _clean_address(hops[-min(proxies, len(hops))]) or remote
    return remote


def address_key(request) -> str:
    """The client address as a limit key: a whole IPv6 /64 counts as one."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return f"ip:{address}"
    if parsed.version == 6:
        network = ipaddress.IPv6Network(f"{parsed}/64", strict=False)
        return f"ip:{network.network_address}/64"
    return f"ip:{parsed}"


def request_keys(request) -> list[str]:
    """Whom to count: the account when logged in, else the address."""
    if request.user.is_authenticated:
        return [f"user:{request.user.pk}"]
    return [address_key(request)]


# --- Counting --------------------------------------------------------------


def _window(seconds: int) -> tuple[int, int]:
    """The current window number and the seconds left in it."""
    now = timezone.now().timestamp()
    window = int(now) // seconds
    return window, max(int(math.ceil((window + 1) * seconds - now)), 1)


def _cache_key(action: str, key: str, window: int) -> str:
    return f"rl:{action}:{key}:{window}"


def _incr(cache_key: str, timeout: int) -> int:
    cache.add(cache_key, 0, timeout=timeout)
    try:
        return cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=timeout)
        return 1


def hit(action: str, *keys: str) -> bool:
    """Count one attempt under each key; False when any key is over its limit.

    For reads (search, API) and messages, where every request costs. Forms
    that save something use :func:`wait_for` and :func:`record` instead.
    """
    count, seconds = _limit(action)
    window, _left = _window(seconds)
    allowed = True
    for key in keys:
        if _incr(_cache_key(action, key, window), seconds + 5) > count:
            allowed = False
    return allowed


def seconds_left(action: str) -> int:
    """How long until the current window of ``action`` ends."""
    return _window(_limit(action)[1])[1]


def _keys(request, extra_keys) -> list[str]:
    return [*(request_keys(request) if request is not None else []), *extra_keys]


def wait_for(action: str, request, *extra_keys: str) -> int:
    """0 if this person may save one more ``action``, else the seconds to wait.

    Counts nothing: :func:`record` does, once the save succeeded. With
    ``request=None``, only ``extra_keys`` count (e.g. a limit per ad).
    """
    count, seconds = _limit(action)
    window, left = _window(seconds)
    for key in _keys(request, extra_keys):
        if (cache.get(_cache_key(action, key, window)) or 0) >= count:
            return left
    return 0


def record(action: str, request, *extra_keys: str) -> None:
    """Count one successful ``action`` for this person."""
    _count, seconds = _limit(action)
    window, _left = _window(seconds)
    for key in _keys(request, extra_keys):
        _incr(_cache_key(action, key, window), seconds + 5)


# --- The answer ------------------------------------------------------------


def _wait_text(seconds: int) -> str:
    if seconds < 120:
        return ngettext("%(n)s seconde", "%(n)s secondes", max(seconds, 1)) % {
            "n": max(seconds, 1)
        }
    minutes = int(math.ceil(seconds / 60))
    if minutes < 120:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    hours = int(math.ceil(minutes / 60))
    return ngettext("%(n)s heure", "%(n)s heures", hours) % {"n": hours}


def _typed(request, form) -> list[dict]:
    """What the person typed, with the form's labels, to give it back."""
    if request.method != "POST":
        return []
    fields = getattr(form, "fields", {}) if form is not None else {}
    typed = []
    for name in request.POST:
        if name in _SECRET_FIELDS or "password" in name:
            continue
        values = [v for v in request.POST.getlist(name) if v.strip()]
        if not values:
            continue
        field = fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        typed.append({"name": name, "label": label, "values": values})
    return typed


def too_many(request, *, retry_after: int | None = None, form=None):
    """The 429 page: how long to wait, and what was typed, kept."""
    typed = _typed(request, form)
    response = render(
        request,
        "429.html",
        {
            "retry_after": retry_after,
            "wait": _wait_text(retry_after) if retry_after else "",
            "typed": typed,
            "had_files": bool(getattr(request, "FILES", None)),
            "action_url": request.get_full_path(),
        },
        status=429,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response

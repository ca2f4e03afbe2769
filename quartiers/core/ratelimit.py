"""Fixed-window rate limits in the cache, for residents' writes.

Limits are settings (``QUARTIERS_RATE_LIMITS``) so an operator can tune them;
a view that is over its limit answers 429 with a plain French page.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone


def _limit(action: str) -> tuple[int, int]:
    count, seconds = settings.QUARTIERS_RATE_LIMITS[action]
    return int(count), int(seconds)


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "inconnue"


def hit(action: str, *keys: str) -> bool:
    """Count one attempt under each key; False when any key is over its limit."""
    count, seconds = _limit(action)
    window = int(timezone.now().timestamp()) // seconds
    allowed = True
    for key in keys:
        cache_key = f"rl:{action}:{key}:{window}"
        cache.add(cache_key, 0, timeout=seconds + 5)
        try:
            current = cache.incr(cache_key)
        except ValueError:
            cache.set(cache_key, 1, timeout=seconds + 5)
            current = 1
        if current > count:
            allowed = False
    return allowed


def request_keys(request) -> list[str]:
    keys = [f"ip:{client_ip(request)}"]
    if request.user.is_authenticated:
        keys.append(f"user:{request.user.pk}")
    return keys


def too_many(request):
    return render(request, "429.html", status=429)

"""Choosing the interface language with a plain link.

Django's ``set_language`` wants a POST with a CSRF token. The footer of every
page offered that form, and on pages served to visitors without a CSRF
cookie (or from the page cache) the token did not match: "Changer" answered a
bare 403. A language preference protects nothing, so it is a link: GET
``/langue/?language=en&next=/alpha/`` sets the cookie and goes back. POST is
still accepted for old forms, without a token for the same reason.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods


def _safe_next(request, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def choose_language(request):
    data = request.POST if request.method == "POST" else request.GET
    response = HttpResponseRedirect(_safe_next(request, data.get("next", "")))
    code = data.get("language", "")
    if code in dict(settings.LANGUAGES) and check_for_language(code):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response

"""HTTP manners of the public API: open CORS for reads, a per-IP rate limit
answering 429 with Retry-After, validators (ETag) with 304, cache headers,
and errors always in JSON ({"detail": "..."}), even those answered before
the API is reached (a NUL character refused, an unknown address)."""

import hashlib
import json

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _

from quartiers.core import ratelimit

PREFIX = "/api/"
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
MAX_AGE = 60


def _json(status: int, detail: str) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": detail}, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


# What an error answered outside the API's own handlers says.
GENERIC_ERRORS = {
    400: lambda: _("Requête invalide : un paramètre est illisible."),
    404: lambda: _("Rien ici : l'adresse ne correspond à rien de public."),
    405: lambda: _("Cette API se lit seulement (GET)."),
}


def _as_json_error(response: HttpResponse) -> HttpResponse:
    """An error page (HTML) becomes the API's JSON error, same status."""
    if response.status_code < 400 or response.streaming:
        return response
    if response.get("Content-Type", "").startswith("application/json"):
        return response
    status = response.status_code
    message = GENERIC_ERRORS.get(status)
    detail = (
        message()
        if message
        else _("Le service ne peut pas répondre pour le moment (erreur %(status)s).")
        % {"status": status}
    )
    answer = _json(status, detail)
    for name in ("Retry-After", "Allow"):
        if response.has_header(name):
            answer[name] = response[name]
    return answer


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
    return response


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method not in READ_METHODS:
            response = _json(405, _("Cette API se lit seulement (GET)."))
            response["Allow"] = "GET, HEAD, OPTIONS"
            return _cors(response)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        if not ratelimit.hit("api", ratelimit.address_key(request)):
            wait = ratelimit.seconds_left("api")
            response = _json(
                429,
                _("Trop de requêtes : réessayez dans %(seconds)s secondes.")
                % {"seconds": wait},
            )
            response["Retry-After"] = str(wait)
            return _cors(response)
        head = request.method == "HEAD"
        if head:
            # HEAD answers wherever GET does (the routes declare only GET):
            # the same status and headers, without the body.
            request.method = "GET"
        try:
            response = _as_json_error(self.get_response(request))
        finally:
            if head:
                request.method = "HEAD"
        # Public reads only: the API never answers differently per visitor.
        for name in list(response.cookies):
            del response.cookies[name]
        if response.status_code == 200 and not response.streaming:
            etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["ETag"] = etag
            response["Cache-Control"] = f"public, max-age={MAX_AGE}"
            patch_vary_headers(response, ["Accept-Language"])
            last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        if head and not response.streaming:
            response["Content-Length"] = str(len(response.content))
            length = response["Content-Length"]
            response.content = b""
            response["Content-Length"] = length
        return _cors(response)

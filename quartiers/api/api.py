"""The read-only public API, /api/v1/: portals and every content kind of the
feature registry (articles, blog posts, ads, events, actors, practical info,
episodes, videos...), with an OpenAPI schema at /api/v1/openapi.json.

This module assembles the endpoints (``endpoints/``, one module per family)
and answers every error the same way: ``{"detail": "<a French sentence>"}``
with its status. HTTP manners (CORS, ETag, 304, HEAD, rate limit, JSON for
errors raised before the API is reached) are in ``middleware.py``.
"""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from .endpoints import kinds, occurrences, portals, shows
from .endpoints.kinds import PATHS  # noqa: F401 (tests find the kinds' URLs)
from .errors import ApiError

api = NinjaAPI(
    title="Avis de Quartiers",
    version="1",
    description=(
        "API publique en lecture seule des portails de quartier : contenus publiés, "
        "sans données personnelles. Pas de clé ; limite de requêtes par adresse IP. "
        'Toute erreur répond un objet JSON { "detail": "…" } qui dit en français '
        "ce qui ne va pas."
    ),
    urls_namespace="api_v1",
    docs_url=None,  # the documentation page is ours: /api/v1/ (works without JS)
)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return api.create_response(request, {"detail": exc.detail}, status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "?"
        problems.append(f"{where} ({error.get('msg', '')})")
    return api.create_response(
        request,
        {
            "detail": _("Paramètre invalide : %(problems)s.")
            % {"problems": "; ".join(problems)}
        },
        status=400,
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


for _module in (portals, occurrences, shows, kinds):
    api.add_router("", _module.router)

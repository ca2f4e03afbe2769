"""Middlewares that keep what people send from ever producing a 500.

``RejectNulMiddleware`` refuses, with a plain 400, requests whose parameters
carry a NUL character. No resident types one; it only comes from broken or
malicious clients, and PostgreSQL refuses it in any text value, which would
otherwise surface as a 500 deep inside a query. One check here covers every
form and filter.

``CleanTextMiddleware`` takes the other control characters out of what forms
send; ``DatabaseUnavailableMiddleware`` answers 503 while the database is
locked or down, and gives back what the person typed.
"""

import json
import logging
import re
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .sanitize import CONTROLS, strip_controls

logger = logging.getLogger(__name__)


def _has_nul(query_dict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query_dict.lists()
    )


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET):
            return render(request, "400.html", status=400)
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            if _has_nul(request.POST):
                return render(request, "400.html", status=400)
        return self.get_response(request)


# --- Control characters ----------------------------------------------------


def _cleaned(query_dict):
    """A copy of ``query_dict`` without control characters, or None when
    there was none to take out (the common case costs one scan)."""
    if not any(
        CONTROLS.search(key) or any(CONTROLS.search(v) for v in values)
        for key, values in query_dict.lists()
    ):
        return None
    cleaned = QueryDict(mutable=True, encoding=query_dict.encoding)
    for key, values in query_dict.lists():
        cleaned.setlist(strip_controls(key), [strip_controls(v) for v in values])
    cleaned._mutable = False
    return cleaned


# Bytes of the characters XML 1.0 refuses, in UTF-8 (each stands for itself:
# UTF-8 never uses them inside a longer character), and U+FFFE, U+FFFF.
_XML_INVALID_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_CLEANED_TYPES = ("xml", "text/calendar")


def _clean_output(response) -> None:
    """Every XML document (feeds, podcasts, sitemaps, oEmbed) and calendar
    we answer loses the control characters text stored earlier may hold."""
    if getattr(response, "streaming", False):
        return
    content_type = response.get("Content-Type", "").lower()
    if not any(kind in content_type for kind in _CLEANED_TYPES):
        return
    if "charset=" in content_type and "charset=utf-8" not in content_type:
        return
    content = response.content
    if _XML_INVALID_BYTES.search(content):
        response.content = _XML_INVALID_BYTES.sub(b"", content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))


class CleanTextMiddleware:
    """Control characters never come in, and never go out in XML.

    One copy and paste from a word processor can carry an invisible
    U+000B; stored, it would break every feed that shows the text. Tab and
    line breaks stay. Every form, the residents' and the admin's, reads
    the cleaned values; every XML or calendar answer is cleaned again, for
    text stored before (the feed writers clean their own text too).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cleaned = _cleaned(request.GET)
        if cleaned is not None:
            request.GET = cleaned
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            cleaned = _cleaned(request.POST)
            if cleaned is not None:
                request.POST = cleaned
        response = self.get_response(request)
        _clean_output(response)
        return response


# --- The database is unavailable --------------------------------------------

_DB_ERROR = "_quartiers_database_unavailable"
# Fields never shown back on the "unavailable" page.
_SECRET_WORDS = ("csrfmiddlewaretoken", "password", "token", "otp", "secret")


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` says the database cannot answer now (down, locked,
    connection lost), not that our query is wrong."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    # SQLite reports a missing table as an OperationalError: a bug, not an outage.
    return not str(exc).lower().startswith(("no such table", "no such column"))


def _remember_database_error(sender, request=None, **kwargs) -> None:
    """A middleware before the view failed on the database: the outer
    middleware will answer 503 in place of the 500."""
    if request is not None and database_unavailable(sys.exc_info()[1]):
        setattr(request, _DB_ERROR, True)


got_request_exception.connect(
    _remember_database_error, dispatch_uid="quartiers-database-unavailable"
)


def retry_after() -> int:
    return int(getattr(settings, "QUARTIERS_DATABASE_RETRY_AFTER", 30))


def _typed(request) -> list[dict]:
    """The text fields the person sent, to give them back."""
    if request.method != "POST":
        return []
    try:
        fields = request.POST.lists()
    except Exception:  # noqa: BLE001 (an unreadable body: nothing to give back)
        return []
    typed = []
    for name, values in fields:
        if any(word in name.lower() for word in _SECRET_WORDS):
            continue
        values = [value for value in values if value.strip()]
        if values:
            typed.append({"name": name, "values": values})
    return typed


def unavailable_response(request) -> HttpResponse:
    """503 with Retry-After: JSON under /api/, a plain French page elsewhere
    that gives back what was typed. Touches no table."""
    seconds = retry_after()
    if request.path.startswith("/api/"):
        response = HttpResponse(
            json.dumps(
                {
                    "detail": _(
                        "Le service est momentanément indisponible. "
                        "Réessayez dans quelques instants."
                    ),
                    "retry_after": seconds,
                },
                ensure_ascii=False,
            ),
            status=503,
            content_type="application/json; charset=utf-8",
        )
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Retry-After"
    else:
        typed = _typed(request)
        try:
            csrf_token = get_token(request) if typed else ""
        except Exception:  # noqa: BLE001 (CSRF in the session, which is down)
            csrf_token = ""
        html = render_to_string(
            "503.html",
            {
                "typed": typed,
                "had_files": request.method == "POST" and bool(request.FILES),
                "action_url": request.get_full_path(),
                "csrf_token": csrf_token,
                "LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE,
            },
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 (never 500) while the database is locked or down.

    Placed first, it sees the failures of the view (``process_exception``)
    and of every middleware after it (they reach it as a 500 marked by
    ``got_request_exception``, or raised when exceptions propagate).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except (OperationalError, InterfaceError) as exc:
            if not database_unavailable(exc):
                raise
            return unavailable_response(request)
        if response.status_code == 500 and getattr(request, _DB_ERROR, False):
            return unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            # The visitor gets a 503; the operator needs to know why.
            logger.warning("database unavailable: %s", exception, exc_info=exception)
            return unavailable_response(request)
        return None

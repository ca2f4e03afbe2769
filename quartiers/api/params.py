"""Checks shared by every list: unknown filters, pages, limits and dates."""

import re
from datetime import date, datetime, time, timedelta
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator

from .errors import ApiError

MAX_LIMIT = 100
MAX_PAGE = 10_000
MAX_WINDOW_DAYS = 366
# Dates outside these years are read as the nearest bound: no date a caller
# may write (0001-01-01, 9999-12-31) overflows a computation.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Text parameters (slugs, categories, keywords): 100 characters at most, no
# NUL character (refused before any view, see core/middleware.py).
TEXT = {"max_length": 100, "pattern": "^[^\\x00]*$"}
# A portal's slug in a path.
SLUG = {"max_length": 100, "pattern": "^[-a-zA-Z0-9_]+$"}


def _iso_day(value):
    """Only AAAA-MM-JJ: pydantic would also take a number of seconds."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        raise ValueError(_("date attendue au format AAAA-MM-JJ"))
    return value


def _within_bounds(value: date) -> date:
    return min(max(value, FIRST_DAY), LAST_DAY)


# A day written AAAA-MM-JJ (the schema says "format: date"), brought within
# FIRST_DAY..LAST_DAY.
Day = Annotated[date, BeforeValidator(_iso_day), AfterValidator(_within_bounds)]


def refuse_unknown(request, allowed: set[str]) -> None:
    """A filter we do not know, or one given twice, is a caller's mistake
    (silently ignoring it would answer something else than was asked)."""
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ApiError(
            400,
            _("Filtre inconnu : %(unknown)s. Filtres possibles : %(allowed)s.")
            % {
                "unknown": ", ".join(name[:100] for name in unknown[:10]),
                "allowed": ", ".join(sorted(allowed)) or "-",
            },
        )
    repeated = sorted(
        name for name in request.GET if len(request.GET.getlist(name)) > 1
    )
    if repeated:
        raise ApiError(
            400,
            _("Paramètre donné plusieurs fois : %(names)s. Donnez-le une seule fois.")
            % {"names": ", ".join(repeated)},
        )


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of(day: date) -> datetime:
    """The first instant after ``day``."""
    return start_of(day) + timedelta(days=1)


def check_window(since: date | None, until: date | None, *, bounded=False) -> None:
    """Constraints between two dates, which the schema cannot state: the
    period is not upside down, and (``bounded``) not longer than a year."""
    if since and until and until < since:
        raise ApiError(
            400, _("La période est à l'envers : « until » est avant « since ».")
        )
    if bounded and since and until and (until - since).days > MAX_WINDOW_DAYS:
        raise ApiError(
            400,
            _("La période est trop longue : %(days)s jours au plus.")
            % {"days": MAX_WINDOW_DAYS},
        )


def page_links(request, *, page: int, has_next: bool) -> tuple[str | None, str | None]:
    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    next_link = link(page + 1) if has_next and page < MAX_PAGE else None
    previous = link(page - 1) if page > 1 else None
    return next_link, previous


def paginate(request, queryset, *, page: int, limit: int, out) -> dict:
    """One page of ``queryset`` (one query: a row more tells if a next page
    exists), each row answered through ``out``."""
    offset = (page - 1) * limit
    rows = list(queryset[offset : offset + limit + 1])
    has_next = len(rows) > limit
    next_link, previous = page_links(request, page=page, has_next=has_next)
    return {
        "results": [out(row) for row in rows[:limit]],
        "page": page,
        "limit": limit,
        "next": next_link,
        "previous": previous,
    }

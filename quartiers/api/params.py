"""Checks shared by every list: unknown filters, pages, limits and dates."""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ApiError

MAX_LIMIT = 100
MAX_PAGE = 10_000
MAX_WINDOW_DAYS = 366


def refuse_unknown(request, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ApiError(
            400,
            _("Filtre inconnu : %(unknown)s. Filtres possibles : %(allowed)s.")
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))},
        )


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


MIN_YEAR, MAX_YEAR = 1900, 2200


def check_window(since: date | None, until: date | None, *, bounded=False) -> None:
    for day in (since, until):
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ApiError(
                400,
                _("Date hors limites : choisissez une année entre %(a)s et %(b)s.")
                % {"a": MIN_YEAR, "b": MAX_YEAR},
            )
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

"""CSV files of the dashboard's figures, for a spreadsheet.

Semicolons and a byte-order mark: what LibreOffice and Excel open as columns
in French without any question; decimals with a comma, as in French.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .metrics import DAYS
from .selectors import Figures

# A cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _number(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == DAYS:
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))


def csv_response(
    filename: str, header: list[str], rows: Iterable[list]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow([_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return response


def figures_csv(figures: Figures, filename: str) -> HttpResponse:
    period = figures.period
    header = [
        _("Quartier"),
        _("Identifiant"),
        _("Commune"),
        _("Du"),
        _("Au"),
        *[str(metric.label) for metric in figures.metrics],
    ]
    rows = (
        [
            row.portal.name,
            row.portal.slug,
            row.portal.town,
            period.start.isoformat(),
            period.end.isoformat(),
            *[
                _number(
                    figures.values[metric.key].get(row.portal.pk, None), metric.kind
                )
                if metric.kind == DAYS
                else _number(
                    figures.values[metric.key].get(row.portal.pk, 0), metric.kind
                )
                for metric in figures.metrics
            ],
        ]
        for row in figures.rows
    )
    return csv_response(filename, header, rows)


def daily_csv(daily: dict, start, end, filename: str) -> HttpResponse:
    from datetime import timedelta

    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return csv_response(
        filename,
        [_("Jour"), _("Visites"), _("Pages vues")],
        ([day.isoformat(), *daily.get(day, (0, 0))] for day in days),
    )

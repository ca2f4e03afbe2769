"""The dashboard in the admin: coordinators compare every portal, animators
see their own.

Portals are always looked up through ``access``: a portal one does not
animate answers 404, exactly like a missing one, CSV included.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartiers.portals import access

from . import charts, exports, selectors
from .metrics import AUDIENCE
from .periods import PRESETS, period_from_request


def _context(period, form, **extra) -> dict:
    return {
        "header_icon": "table",
        "period": period,
        "period_form": form,
        "presets": [(key, label) for key, (label, _months) in PRESETS.items()],
        **extra,
    }


def _curve(title, daily: dict, period):
    end = charts.curve_end(period.start, period.end, timezone.localdate())
    return charts.line_chart(title, daily, period.start, end, weekly=period.weekly)


def _csv_wanted(request) -> bool:
    return request.GET.get("format") == "csv"


def dashboard(request):
    """All the portals one animates, side by side (one portal: its detail)."""
    portals = list(access.animated_portals(request.user).order_by("name"))
    if not portals:
        raise PermissionDenied
    if len(portals) == 1 and not access.is_coordinator(request.user):
        return _portal_page(request, portals[0], single=True)
    period, form = period_from_request(request)
    figures = selectors.figures(portals=portals, period=period)
    if _csv_wanted(request):
        return exports.figures_csv(
            figures, f"quartiers-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
        )
    daily = selectors.daily_audience(
        portal_ids=[p.pk for p in portals], start=period.start, end=period.end
    )
    comparisons = []
    for key in ("visits", "active_residents", "new_voices"):
        metric = next((m for m in figures.metrics if m.key == key), None)
        if metric is not None:
            comparisons.append(
                charts.bar_chart(
                    str(metric.label),
                    [(p.name, figures.value(key, p.pk)) for p in portals],
                    key=f"stats-compare-{key.replace('_', '-')}",
                )
            )
    title = _("Tableau de bord du réseau")
    return TemplateResponse(
        request,
        "stats/admin/dashboard.html",
        _context(
            period,
            form,
            page_title=title,
            header_title=title,
            figures=figures,
            visits_chart=_curve(
                _("Visites dans tous les quartiers"),
                {day: visits for day, (visits, _views) in daily.items()},
                period,
            ),
            comparisons=comparisons,
        ),
    )


def portal_dashboard(request, portal_id: int):
    portal = access.access_portal_for_animation(request.user, portal_id)
    return _portal_page(request, portal, single=False)


def _portal_page(request, portal, *, single: bool):
    period, form = period_from_request(request)
    if _csv_wanted(request) and request.GET.get("par") == "jour":
        daily = selectors.daily_audience(
            portal_ids=[portal.pk], start=period.start, end=period.end
        )
        return exports.daily_csv(
            daily,
            period.start,
            period.end,
            f"{portal.slug}-jours-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv",
        )
    figures = selectors.figures(portals=[portal], period=period)
    if _csv_wanted(request):
        return exports.figures_csv(
            figures,
            f"{portal.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv",
        )
    daily = selectors.daily_audience(
        portal_ids=[portal.pk], start=period.start, end=period.end
    )
    row = figures.rows[0]
    items = [
        {"metric": metric, "cell": cell}
        for metric, cell in zip(figures.metrics, row.cells, strict=True)
    ]
    title = _("Tableau de bord — %(name)s") % {"name": portal.name}
    return TemplateResponse(
        request,
        "stats/admin/portal.html",
        _context(
            period,
            form,
            page_title=title,
            header_title=title,
            portal=portal,
            single=single,
            audience=[i for i in items if i["metric"].group == AUDIENCE],
            groups=_grouped(items),
            visits_chart=_curve(
                _("Visites"),
                {day: visits for day, (visits, _views) in daily.items()},
                period,
            ),
            views_chart=_curve(
                _("Pages vues"),
                {day: views for day, (_visits, views) in daily.items()},
                period,
            ),
            top_pages=selectors.top_pages(
                portal=portal, start=period.start, end=period.end
            ),
        ),
    )


def _grouped(items: list[dict]) -> list[tuple[str, list[dict]]]:
    from .metrics import GROUP_LABELS

    groups: list[tuple[str, list[dict]]] = []
    for item in items:
        if item["metric"].group == AUDIENCE:
            continue
        label = str(GROUP_LABELS.get(item["metric"].group, item["metric"].group))
        if groups and groups[-1][0] == label:
            groups[-1][1].append(item)
        else:
            groups.append((label, [item]))
    return groups

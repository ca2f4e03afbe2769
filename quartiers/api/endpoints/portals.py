"""/portals: the neighbourhoods of the network."""

from django.http import HttpRequest
from ninja import Path, Query, Router

from quartiers.portals.features import registry
from quartiers.portals.models import Portal
from quartiers.portals.selectors import listed_portals

from ..params import MAX_LIMIT, MAX_PAGE, SLUG, paginate, refuse_unknown
from ..schemas import ErrorOut, PortalOut, PortalPage
from .common import ERRORS, portal_of

router = Router(tags=["Quartiers"])


def portal_out(request: HttpRequest, portal: Portal) -> dict:
    root = portal.get_absolute_url()
    return {
        "slug": portal.slug,
        "name": portal.name,
        "town": portal.town,
        "presentation": portal.presentation,
        "url": request.build_absolute_uri(root),
        "feed_url": request.build_absolute_uri(f"{root}rss.xml"),
        "sections": [
            s.key for s in registry.sections() if portal.section_enabled(s.key)
        ],
    }


@router.get(
    "/portals",
    response={200: PortalPage, 400: ErrorOut, 429: ErrorOut},
    operation_id="list_portals",
    summary="Quartiers",
)
def list_portals(
    request,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    refuse_unknown(request, {"page", "limit"})
    # The portals listed on the hub: one not opened yet is not announced.
    portals = listed_portals().select_related("home_page").order_by("name", "pk")
    return paginate(
        request,
        portals,
        page=page,
        limit=limit,
        out=lambda portal: portal_out(request, portal),
    )


@router.get(
    "/portals/{slug}",
    response={200: PortalOut, **ERRORS},
    operation_id="get_portal",
    summary="Quartier",
)
def get_portal(request, slug: str = Path(..., **SLUG)):
    refuse_unknown(request, set())
    return portal_out(request, portal_of(slug))

"""/shows: the radio's shows, with their podcast and their episodes."""

from ninja import Path, Query, Router

from quartiers.portals import exposing
from quartiers.portals.models import Portal

from ..errors import not_found
from ..params import MAX_LIMIT, MAX_PAGE, TEXT, paginate, refuse_unknown
from ..schemas import ShowOut, ShowPage
from .common import ERRORS, IMAGE_SPEC, MAX_ID, image_url, portal_of

router = Router(tags=["Émissions de radio"])


def _shows(portal: Portal | None):
    from quartiers.radio.models import ShowPage as Show

    queryset = Show.objects.live().public()
    queryset = exposing.scope_by_portal(queryset, portal, "radio")
    queryset = exposing.with_image(queryset, "artwork", IMAGE_SPEC)
    return queryset.select_related("portal").order_by("title", "pk")


def show_out(request, show) -> dict:
    url = exposing.page_path(show)
    return {
        "id": show.pk,
        "portal": show.portal.slug,
        "title": show.title,
        "url": request.build_absolute_uri(url),
        "presentation_html": exposing.rich_text_html(show.presentation),
        "hosts": show.hosts,
        "image_url": image_url(request, show.artwork),
        "language": show.language,
        "explicit": show.explicit,
        "podcast_url": request.build_absolute_uri(f"{url}podcast.xml"),
        "episodes_url": request.build_absolute_uri(
            f"/api/v1/episodes?category={show.slug}&portal={show.portal.slug}"
        ),
    }


@router.get(
    "/shows",
    response={200: ShowPage, **ERRORS},
    operation_id="list_show",
    summary="Émissions de radio",
)
def list_shows(
    request,
    portal: str | None = Query(None, **TEXT, description="slug du quartier"),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
):
    refuse_unknown(request, {"portal", "page", "limit"})
    return paginate(
        request,
        _shows(portal_of(portal)),
        page=page,
        limit=limit,
        out=lambda show: show_out(request, show),
    )


@router.get(
    "/shows/{item_id}",
    response={200: ShowOut, **ERRORS},
    operation_id="get_show",
    summary="Émission de radio",
)
def get_show(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
    refuse_unknown(request, set())
    show = _shows(None).filter(pk=item_id).first()
    if show is None:
        raise not_found()
    return show_out(request, show)

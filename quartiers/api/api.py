"""The read-only public API, /api/v1/: portals and every content kind of the
feature registry (articles, blog posts, ads, events, actors, practical info,
episodes, videos...). A new kind registered by an app gets its endpoints here
without any change to this module."""

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query, Router
from ninja.errors import HttpError, ValidationError

from quartiers.agenda import selectors as agenda_selectors
from quartiers.agenda.models import Occurrence
from quartiers.portals import exposing, visibility
from quartiers.portals import selectors as portal_selectors
from quartiers.portals.features import ContentKind, ExposedItem, registry
from quartiers.portals.models import Portal

from .errors import ApiError, not_found
from .params import (
    MAX_LIMIT,
    MAX_PAGE,
    check_window,
    page_links,
    refuse_unknown,
    start_of,
)
from .schemas import (
    ErrorOut,
    ItemOut,
    ItemPage,
    OccurrencePage,
    PortalOut,
    PortalPage,
    ShowOut,
    ShowPage,
)

# The size the content kinds prefetch: no extra query per item.
IMAGE_SPEC = exposing.IMAGE_SPEC
# URL segment of each kind's endpoints; other kinds get "<key>s".
PATHS = {"blogpost": "posts", "practical": "practical-info"}
MAX_ID = 2**31 - 1
LIST_FILTERS = {"portal", "category", "tag", "since", "until", "page", "limit"}

api = NinjaAPI(
    title="Avis de Quartiers",
    version="1",
    description=(
        "API publique en lecture seule des portails de quartier : contenus publiés, "
        "sans données personnelles. Pas de clé ; limite de requêtes par adresse IP."
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


def portal_of(slug: str | None) -> Portal | None:
    if slug is None:
        return None
    portal = portal_selectors.portal_by_slug(slug)
    if portal is None:
        raise not_found(_("Quartier inconnu : %(slug)s.") % {"slug": slug[:100]})
    return portal


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


def image_url(request: HttpRequest, image) -> str | None:
    if image is None or not getattr(image, "publishable", True):
        return None
    try:
        rendition = image.get_rendition(IMAGE_SPEC)
    except Exception:  # a missing or broken file must not break a whole list
        return None
    return request.build_absolute_uri(rendition.url)


def item_out(request: HttpRequest, item: ExposedItem) -> dict:
    return {
        "kind": item.kind,
        "id": item.id,
        "portal": item.portal.slug,
        "title": item.title,
        "url": request.build_absolute_uri(item.url),
        "summary": item.summary,
        "body_html": item.body_html,
        "image_url": image_url(request, item.image),
        "published_at": item.published_at,
        "updated_at": item.updated_at,
        "author": item.author,
        "category": item.category,
        "tags": list(item.tags),
        "extra": item.extra,
    }


def _kind_items(kind: ContentKind, portal: Portal | None):
    if portal is not None and not portal.section_enabled(kind.section_key):
        return None
    return visibility.visible(portal, kind)


def _filtered(kind: ContentKind, queryset, *, category, tag, since, until):
    if category is not None:
        if not kind.category_lookup:
            raise ApiError(400, _("Ce type de contenu n'a pas de catégories."))
        queryset = queryset.filter(**{kind.category_lookup: category})
    if tag is not None:
        if not kind.tag_lookup:
            raise ApiError(400, _("Ce type de contenu n'a pas de mots-clés."))
        queryset = queryset.filter(**{kind.tag_lookup: tag}).distinct()
    check_window(since, until)
    if since is not None:
        queryset = queryset.filter(**{f"{kind.date_field}__gte": start_of(since)})
    if until is not None:
        queryset = queryset.filter(
            **{f"{kind.date_field}__lt": start_of(until + timedelta(days=1))}
        )
    return queryset


def _page(queryset, page: int, limit: int) -> tuple[list, bool]:
    offset = (page - 1) * limit
    rows = list(queryset[offset : offset + limit + 1])
    return rows[:limit], len(rows) > limit


def _add_kind_endpoints(router: Router, kind: ContentKind) -> None:
    segment = PATHS.get(kind.key, f"{kind.key}s")
    label = str(kind.label_plural)

    @router.get(
        f"/{segment}",
        response={200: ItemPage, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
        operation_id=f"list_{kind.key}",
        summary=label,
        tags=[label],
    )
    def list_items(
        request,
        response: HttpResponse,
        portal: str | None = Query(
            None, max_length=100, description="slug du quartier"
        ),
        category: str | None = Query(None, max_length=100),
        tag: str | None = Query(None, max_length=100),
        since: date | None = Query(None, description="AAAA-MM-JJ"),
        until: date | None = Query(None, description="AAAA-MM-JJ"),
        page: int = Query(1, ge=1, le=MAX_PAGE),
        limit: int = Query(20, ge=1, le=MAX_LIMIT),
    ):
        refuse_unknown(request, LIST_FILTERS)
        queryset = _kind_items(kind, portal_of(portal))
        results, has_next = [], False
        if queryset is not None:
            queryset = _filtered(
                kind, queryset, category=category, tag=tag, since=since, until=until
            )
            rows, has_next = _page(queryset, page, limit)
            items = [kind.to_item(row) for row in rows]
            results = [item_out(request, item) for item in items]
            stamps = [i.updated_at or i.published_at for i in items]
            stamps = [stamp for stamp in stamps if stamp is not None]
            if stamps:
                response["Last-Modified"] = http_date(max(stamps).timestamp())
        next_link, previous = page_links(request, page=page, has_next=has_next)
        return {
            "results": results,
            "page": page,
            "limit": limit,
            "next": next_link,
            "previous": previous,
        }

    @router.get(
        f"/{segment}/{{item_id}}",
        response={200: ItemOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
        operation_id=f"get_{kind.key}",
        summary=str(kind.label),
        tags=[label],
    )
    def get_item(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
        refuse_unknown(request, set())
        row = visibility.visible(None, kind).filter(pk=item_id).first()
        if row is None:
            raise not_found()
        item = kind.to_item(row)
        if not item.portal.section_enabled(kind.section_key):
            raise not_found()
        return item_out(request, item)


router = Router()


@router.get(
    "/portals",
    response={200: PortalPage, 400: ErrorOut, 429: ErrorOut},
    operation_id="list_portals",
    summary="Quartiers",
    tags=["Quartiers"],
)
def list_portals(
    request,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    refuse_unknown(request, {"page", "limit"})
    rows, has_next = _page(
        Portal.objects.select_related("home_page").order_by("name", "pk"), page, limit
    )
    next_link, previous = page_links(request, page=page, has_next=has_next)
    return {
        "results": [portal_out(request, portal) for portal in rows],
        "page": page,
        "limit": limit,
        "next": next_link,
        "previous": previous,
    }


@router.get(
    "/portals/{slug}",
    response={200: PortalOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    operation_id="get_portal",
    summary="Quartier",
    tags=["Quartiers"],
)
def get_portal(request, slug: str = Path(..., max_length=100)):
    refuse_unknown(request, set())
    return portal_out(request, portal_of(slug))


@router.get(
    "/occurrences",
    response={200: OccurrencePage, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    operation_id="list_occurrences",
    summary="Dates des événements",
    description=(
        "Chaque date d'un événement (les événements qui se répètent ont une date par"
        " occurrence) entre « from » et « to » (366 jours au plus)."
    ),
    tags=["Événements"],
)
def list_occurrences(
    request,
    portal: str | None = Query(None, max_length=100, description="slug du quartier"),
    date_from: date | None = Query(None, alias="from", description="AAAA-MM-JJ"),
    date_to: date | None = Query(None, alias="to", description="AAAA-MM-JJ"),
    category: str | None = Query(None, max_length=100),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
):
    refuse_unknown(request, {"portal", "from", "to", "category", "page", "limit"})
    check_window(date_from, date_to)
    first = date_from or date.today()
    last = date_to or first + timedelta(days=30)
    check_window(first, last, bounded=True)
    chosen = portal_of(portal)
    public_ids = [pk for pk, _path in exposing.public_portals("agenda")]
    portal_ids = public_ids
    if chosen is not None:
        portal_ids = [pk for pk in portal_ids if pk == chosen.pk]
    window = (start_of(first), start_of(last + timedelta(days=1)))
    queryset = agenda_selectors.occurrences_between(*window, portal_ids=portal_ids)
    if chosen is not None and portal_ids:
        # What the portal's agenda shows: with the events other portals
        # shared and this one accepted.
        from quartiers.network import selectors as network_selectors

        queryset = queryset | agenda_selectors.occurrences_between(
            *window, portal_ids=public_ids
        ).filter(event_id__in=network_selectors.accepted_event_ids([chosen.pk]))
    if category is not None:
        queryset = queryset.filter(event__category__slug=category)
    rows, has_next = _page(queryset, page, limit)
    next_link, previous = page_links(request, page=page, has_next=has_next)
    return {
        "results": [occurrence_out(request, row) for row in rows],
        "page": page,
        "limit": limit,
        "next": next_link,
        "previous": previous,
    }


def occurrence_out(request, occurrence: Occurrence) -> dict:
    event = occurrence.event
    return {
        "event_id": event.pk,
        "portal": occurrence.portal.slug,
        "title": event.title,
        "url": request.build_absolute_uri(
            f"{occurrence.portal.get_absolute_url()}agenda/{event.slug}/"
        ),
        "start": occurrence.start,
        "end": occurrence.end,
        "category": event.category.name if event.category_id else "",
        "place": event.place_label(),
    }


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
    response={200: ShowPage, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    operation_id="list_show",
    summary="Émissions de radio",
    tags=["Émissions de radio"],
)
def list_shows(
    request,
    portal: str | None = Query(None, max_length=100, description="slug du quartier"),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
):
    refuse_unknown(request, {"portal", "page", "limit"})
    rows, has_next = _page(_shows(portal_of(portal)), page, limit)
    next_link, previous = page_links(request, page=page, has_next=has_next)
    return {
        "results": [show_out(request, show) for show in rows],
        "page": page,
        "limit": limit,
        "next": next_link,
        "previous": previous,
    }


@router.get(
    "/shows/{item_id}",
    response={200: ShowOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    operation_id="get_show",
    summary="Émission de radio",
    tags=["Émissions de radio"],
)
def get_show(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
    refuse_unknown(request, set())
    show = _shows(None).filter(pk=item_id).first()
    if show is None:
        raise not_found()
    return show_out(request, show)


for _kind in registry.content_kinds():
    _add_kind_endpoints(router, _kind)

api.add_router("", router)

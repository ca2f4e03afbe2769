"""/<kind>s and /<kind>s/{id} for every content kind of the feature
registry (articles, blog posts, ads, events, actors, practical info,
episodes, videos...). A kind an app registers gets its endpoints here
without any change to this module.

A list offers the filters its kind can honour: ``category`` only where the
kind has categories, ``tag`` only where it has keywords (any other filter
is refused with a 400 naming the possible ones).
"""

import inspect
from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from ninja import Path, Query, Router

from quartiers.portals import visibility
from quartiers.portals.features import ContentKind, ExposedItem, registry
from quartiers.portals.models import Portal

from ..errors import not_found
from ..params import (
    MAX_LIMIT,
    MAX_PAGE,
    TEXT,
    Day,
    check_window,
    page_links,
    refuse_unknown,
    start_of,
)
from ..schemas import ItemOut, ItemPage
from .common import ERRORS, MAX_ID, image_url, portal_of

# URL segment of each kind's endpoints; other kinds get "<key>s".
PATHS = {"blogpost": "posts", "practical": "practical-info"}

router = Router()


def segment_of(kind_key: str) -> str:
    return PATHS.get(kind_key, f"{kind_key}s")


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


def _filtered(kind: ContentKind, queryset, filters: dict):
    category, tag = filters.get("category"), filters.get("tag")
    since, until = filters.get("since"), filters.get("until")
    if category is not None:
        queryset = queryset.filter(**{kind.category_lookup: category})
    if tag is not None:
        queryset = queryset.filter(**{kind.tag_lookup: tag}).distinct()
    check_window(since, until)
    if since is not None:
        queryset = queryset.filter(**{f"{kind.date_field}__gte": start_of(since)})
    if until is not None:
        queryset = queryset.filter(
            **{f"{kind.date_field}__lt": start_of(until + timedelta(days=1))}
        )
    return queryset


def _parameter(name: str, annotation, default) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _list_signature(kind: ContentKind) -> tuple[inspect.Signature, set[str]]:
    """The list's parameters: those its kind can honour, nothing else."""
    text = str | None
    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        _parameter("response", HttpResponse, inspect.Parameter.empty),
        _parameter("portal", text, Query(None, **TEXT, description="slug du quartier")),
    ]
    if kind.category_lookup:
        parameters.append(_parameter("category", text, Query(None, **TEXT)))
    if kind.tag_lookup:
        parameters.append(_parameter("tag", text, Query(None, **TEXT)))
    day = Day | None
    parameters += [
        _parameter(
            "since", day, Query(None, description="AAAA-MM-JJ (années 1900 à 2200)")
        ),
        _parameter(
            "until", day, Query(None, description="AAAA-MM-JJ (années 1900 à 2200)")
        ),
        _parameter("page", int, Query(1, ge=1, le=MAX_PAGE)),
        _parameter("limit", int, Query(20, ge=1, le=MAX_LIMIT)),
    ]
    names = {p.name for p in parameters} - {"request", "response"}
    return inspect.Signature(parameters), names


def add_kind_endpoints(router: Router, kind: ContentKind) -> None:
    segment = segment_of(kind.key)
    label = str(kind.label_plural)
    signature, filters = _list_signature(kind)

    def list_items(request, response: HttpResponse, **given):
        refuse_unknown(request, filters)
        page, limit = given["page"], given["limit"]
        queryset = _kind_items(kind, portal_of(given["portal"]))
        results, has_next = [], False
        if queryset is not None:
            queryset = _filtered(kind, queryset, given)
            offset = (page - 1) * limit
            rows = list(queryset[offset : offset + limit + 1])
            has_next = len(rows) > limit
            items = [kind.to_item(row) for row in rows[:limit]]
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

    list_items.__signature__ = signature  # type: ignore[attr-defined]
    list_items.__name__ = f"list_{kind.key}"
    router.get(
        f"/{segment}",
        response={200: ItemPage, **ERRORS},
        operation_id=f"list_{kind.key}",
        summary=label,
        description="Une période (« since », « until ») à l'envers répond 400.",
        tags=[label],
    )(list_items)

    @router.get(
        f"/{segment}/{{item_id}}",
        response={200: ItemOut, **ERRORS},
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


for _kind in registry.content_kinds():
    add_kind_endpoints(router, _kind)

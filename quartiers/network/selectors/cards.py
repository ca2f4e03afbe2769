"""Cards for shared pieces, as a list in any portal (or the hub) shows
them: everything a card needs is read with the rows, in one query."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    CharField,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.html import strip_tags

from quartiers.agenda.models import Occurrence
from quartiers.portals import visibility
from quartiers.portals.models import Portal

from .. import kinds
from ..models import Share, ShareProposal
from .live import live_condition

SUMMARY_FIELDS = ("chapo", "summary", "description", "search_description")


@dataclass(frozen=True)
class SharedItem:
    """One shared piece, as a list in any portal (or the hub) shows it."""

    share: Share
    kind: str
    kind_label: object
    title: str
    url: str  # the original's address: the piece is never copied
    origin: Portal
    summary: str = ""
    date: datetime | None = None  # publication, or next date of an event
    is_event: bool = False
    place: str = ""
    available: bool = True  # still live at its origin


def _summary_expression(prefix: str):
    """The short text of a shared page, read in the same query: the first
    non-empty of its kind's summary field (chapo, summary, description) and
    the page's search description."""
    parts: list[Combinable] = []
    for model in kinds.shareable_page_models():
        name = next((n for n in SUMMARY_FIELDS[:-1] if _is_text_field(model, n)), None)
        if name is not None:
            parts.append(
                NullIf(
                    Subquery(
                        model.objects.filter(pk=OuterRef(f"{prefix}page_id")).values(
                            name
                        )[:1]
                    ),
                    Value(""),
                )
            )
    parts += [F(f"{prefix}page__search_description"), Value("")]
    return Coalesce(*parts, output_field=TextField())


def _is_text_field(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(field, CharField | TextField)


def with_items(queryset: QuerySet, prefix: str = "", now=None) -> QuerySet:
    """Rows (shares, or proposals with prefix "share__") with all that a card
    needs, in one query: origin, page or event, summary, next date."""
    now = now or timezone.now()
    related = [
        f"{prefix}portal__home_page",
        f"{prefix}page",
        f"{prefix}event__place_actor",
    ]
    if prefix:
        related.append(prefix.rstrip("_"))
    return queryset.select_related(*related).annotate(
        item_summary=_summary_expression(prefix),
        next_start=Subquery(
            Occurrence.objects.filter(
                event_id=OuterRef(f"{prefix}event_id"), ends_at__gte=now
            )
            .order_by("start")
            .values("start")[:1]
        ),
    )


def portal_root(portal: Portal, request) -> str:
    if portal.home_page is not None:
        url = portal.home_page.get_url(request)
        if url:
            return url
    return portal.get_absolute_url()


def describe(rows: list, request) -> list[SharedItem]:
    """Cards for rows of ``with_items`` (no query but the site root paths,
    cached per request)."""
    items = []
    for row in rows:
        share = row.share if isinstance(row, ShareProposal) else row
        origin = share.portal
        summary = strip_tags(row.item_summary or "").strip()
        if share.page is not None:
            page = share.page
            items.append(
                SharedItem(
                    share=share,
                    kind=share.kind,
                    kind_label=kinds.label(share.kind),
                    title=page.title,
                    url=page.get_url(request) or "",
                    origin=origin,
                    summary=summary,
                    date=page.first_published_at,
                )
            )
        elif share.event is not None:
            event = share.event
            items.append(
                SharedItem(
                    share=share,
                    kind=share.kind,
                    kind_label=kinds.label(share.kind),
                    title=event.title,
                    url=f"{portal_root(origin, request)}agenda/{event.slug}/",
                    origin=origin,
                    summary=event.description,
                    date=row.next_start or event.start,
                    is_event=True,
                    place=event.place_label(),
                )
            )
    return items


def visible_at_origin(item: SharedItem) -> bool:
    # A section the origin switched off, or a portal taken offline, answers
    # 404 there: show nothing (origin.home_page is loaded with the row).
    return visibility.section_shown(item.origin, kinds.section_key(item.kind))


def received_items(
    portal: Portal, request, *, limit: int = 6, kind: str | None = None
) -> list[SharedItem]:
    """What other portals shared with ``portal`` and it accepted, newest first
    (only one kind of piece when ``kind`` is given, e.g. "episode")."""
    accepted = (
        ShareProposal.objects.filter(portal=portal, status=ShareProposal.ACCEPTED)
        .exclude(share__portal=portal)
        .filter(live_condition("share__"))
    )
    if kind is not None:
        accepted = accepted.filter(share__kind=kind)
    proposals = list(
        with_items(accepted, prefix="share__").order_by("-decided_at", "-pk")[:limit]
    )
    items = describe(proposals, request)
    return [item for item in items if visible_at_origin(item)]

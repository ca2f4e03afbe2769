"""Reads of the network: the hub, and shared pieces as each portal shows them.

Every list joins on the live original (a live, public page; a published
event not over yet) and on an active share, so a piece that its portal
unpublishes, deletes or withdraws disappears everywhere at once. Lists cost
a constant number of queries, whatever the number of shares.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import (
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from quartiers.agenda.models import Event, Occurrence
from quartiers.portals import access, visibility
from quartiers.portals.models import Portal

from . import kinds
from .models import Share, ShareProposal

ADMIN_PAGE_SIZE = 25
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


# -- access (missing and "not yours" answer the same 404) ---------------------


def proposal_in_portal(
    *, portal: Portal, proposal_id, for_update: bool = False
) -> ShareProposal:
    queryset = ShareProposal.objects.filter(portal=portal)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    try:
        return queryset.select_related("share", "share__portal").get(
            pk=int(proposal_id)
        )
    except (ShareProposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def proposal_for_user(user, proposal_id) -> ShareProposal:
    """A proposal received by one of the portals this person animates."""
    try:
        return (
            ShareProposal.objects.filter(portal__in=access.animated_portals(user))
            .select_related("portal", "share", "share__portal", "share__page")
            .get(pk=int(proposal_id))
        )
    except (ShareProposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def share_of_portal(*, portal: Portal, share_id, for_update: bool = False) -> Share:
    queryset = Share.objects.filter(portal=portal)
    if for_update:
        queryset = queryset.select_for_update()
    try:
        return queryset.get(pk=int(share_id))
    except (Share.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def share_for_user(user, share_id) -> Share:
    """A share made by one of the portals this person animates."""
    try:
        return (
            Share.objects.filter(portal__in=access.animated_portals(user))
            .select_related("portal", "page", "event")
            .get(pk=int(share_id))
        )
    except (Share.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# -- the live condition ------------------------------------------------------


def _live_pages() -> QuerySet[Page]:
    # Live, with every page above them live (the show of an episode...).
    return visibility.ancestors_live(Page.objects.live().public()).values("pk")


def _live_condition(prefix: str = "", now: datetime | None = None) -> Q:
    """Q for shares (prefix "" ) or proposals (prefix "share__") whose item
    is online at its origin now."""
    now = now or timezone.now()
    return Q(**{f"{prefix}withdrawn_at__isnull": True}) & (
        Q(**{f"{prefix}page__in": _live_pages()})
        | (
            Q(**{f"{prefix}event__status": Event.PUBLISHED})
            & (
                Q(**{f"{prefix}event__finishes_at__isnull": True})
                | Q(**{f"{prefix}event__finishes_at__gte": now})
            )
        )
    )


def share_item_is_live(share: Share) -> bool:
    return Share.objects.filter(pk=share.pk).filter(_live_condition()).exists()


def accepted_page_ids(portal_ids, kind: str) -> QuerySet:
    """Ids of the pages of this kind that the portal(s) ``portal_ids`` (ids
    or a subquery) accepted from other portals, in active shares: a
    subquery; the caller keeps only live pages). A page leaves when its
    origin takes it, a page above it or the whole portal offline, or switches
    its section off (the one visibility rule)."""
    return (
        ShareProposal.objects.filter(
            portal_id__in=portal_ids,
            status=ShareProposal.ACCEPTED,
            share__kind=kind,
            share__withdrawn_at__isnull=True,
            share__page__in=_live_pages(),
            share__portal_id__in=visibility.public_portal_ids(kinds.section_key(kind)),
        )
        .exclude(share__portal_id__in=portal_ids)
        .values("share__page_id")
    )


def accepted_event_ids(portal_ids) -> QuerySet:
    """Ids of the events that the portal(s) ``portal_ids`` accepted from
    other portals (a subquery; the agenda keeps only published ones), while
    the origin is online and shows its agenda."""
    return (
        ShareProposal.objects.filter(
            portal_id__in=portal_ids,
            status=ShareProposal.ACCEPTED,
            share__withdrawn_at__isnull=True,
            share__event__isnull=False,
            share__portal_id__in=visibility.public_portal_ids(
                kinds.section_key(Share.EVENT)
            ),
        )
        .exclude(share__portal_id__in=portal_ids)
        .values("share__event_id")
    )


def origin_name_of_page(portal_ids) -> Subquery:
    """For an annotation on pages: the name of the portal that shared the
    page with the portal ``portal_ids`` (None for its own pages)."""
    return Subquery(
        ShareProposal.objects.filter(
            portal_id__in=portal_ids,
            status=ShareProposal.ACCEPTED,
            share__withdrawn_at__isnull=True,
            share__page_id=OuterRef("pk"),
        )
        .exclude(share__portal_id__in=portal_ids)
        .values("share__portal__name")[:1]
    )


# -- building the cards ------------------------------------------------------


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


def _with_items(queryset: QuerySet, prefix: str = "", now=None) -> QuerySet:
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


def _describe(rows: list, request) -> list[SharedItem]:
    """Cards for rows of ``_with_items`` (no query but the site root paths,
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


def _visible_at_origin(item: SharedItem) -> bool:
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
        .filter(_live_condition("share__"))
    )
    if kind is not None:
        accepted = accepted.filter(share__kind=kind)
    proposals = list(
        _with_items(accepted, prefix="share__").order_by("-decided_at", "-pk")[:limit]
    )
    items = _describe(proposals, request)
    return [item for item in items if _visible_at_origin(item)]


def hub_highlights(request, *, limit: int = 6) -> list[SharedItem]:
    """The network's highlights: pieces shared with the public, newest first."""
    shares = list(
        _with_items(
            Share.objects.filter(
                audience=Share.AUDIENCE_PUBLIC, portal__home_page__live=True
            ).filter(_live_condition())
        ).order_by("-created_at", "-pk")[:limit]
    )
    items = _describe(shares, request)
    return [item for item in items if _visible_at_origin(item)]


HUB_EVENTS_POOL = 200


def hub_events(request, *, limit: int = 8) -> list[dict]:
    """The next events of the network, each with its portal's link.

    Each event once (its next date); one event per portal, and one per
    title (the same "Permanence numérique" in every portal), before the
    others, so that the hub shows the variety of the whole network rather
    than its busiest agenda. One query for a bounded pool.
    """
    from quartiers.agenda import selectors as agenda_selectors

    pool = agenda_selectors.network_upcoming(limit=HUB_EVENTS_POOL)
    seen_events: set[int] = set()
    distinct = []
    for occurrence in pool:
        if occurrence.event_id not in seen_events:
            seen_events.add(occurrence.event_id)
            distinct.append(occurrence)
    chosen, rest = [], []
    seen_portals: set[int] = set()
    seen_titles: set[str] = set()
    for occurrence in distinct:
        title = occurrence.event.title.casefold()
        if occurrence.portal_id in seen_portals or title in seen_titles:
            rest.append(occurrence)
        else:
            seen_portals.add(occurrence.portal_id)
            seen_titles.add(title)
            chosen.append(occurrence)
    chosen = (chosen[:limit] + rest)[:limit]
    chosen.sort(key=lambda o: (o.start, o.pk))
    return [
        {
            "occurrence": occurrence,
            "portal": occurrence.portal,
            "url": f"{portal_root(occurrence.portal, request)}agenda/"
            f"{occurrence.event.slug}/",
        }
        for occurrence in chosen
    ]


def hub_map_markers() -> list[dict]:
    """Every open portal with a position, for the hub's map (one query)."""
    rows = (
        Portal.objects.filter(
            home_page__live=True, latitude__isnull=False, longitude__isnull=False
        )
        .order_by("name")
        .values("slug", "name", "town", "latitude", "longitude")
    )
    return [
        {
            "name": row["name"],
            "town": row["town"],
            "url": f"/{row['slug']}/",
            "lat": float(row["latitude"]),
            "lon": float(row["longitude"]),
        }
        for row in rows
        # Always true (the query filters on it); it tells the type checker.
        if row["latitude"] is not None and row["longitude"] is not None
    ]


# -- the animators' admin ----------------------------------------------------


def _page_of(queryset, page_number) -> PaginatorPage:
    return Paginator(queryset, ADMIN_PAGE_SIZE).get_page(page_number)


def received_page(user, *, pending: bool, page_number, request) -> dict:
    """Proposals received by the portals this person animates: the ones that
    wait for an answer, or the ones already answered."""
    queryset = ShareProposal.objects.filter(portal__in=access.animated_portals(user))
    if pending:
        queryset = queryset.filter(status=ShareProposal.PROPOSED).filter(
            share__withdrawn_at__isnull=True
        )
    else:
        queryset = queryset.exclude(status=ShareProposal.PROPOSED)
    queryset = (
        _with_items(queryset, prefix="share__")
        .select_related("portal")
        .order_by("-created_at", "-pk")
    )
    page = _page_of(queryset, page_number)
    proposals = list(page.object_list)
    live_ids = set(
        Share.objects.filter(pk__in=[p.share_id for p in proposals])
        .filter(_live_condition())
        .values_list("pk", flat=True)
    )
    items = _describe(proposals, request)
    by_share = {item.share.pk: item for item in items}
    rows = [
        {
            "proposal": p,
            "item": by_share.get(p.share_id),
            "live": p.share_id in live_ids,
        }
        for p in proposals
    ]
    return {"page": page, "rows": rows}


def pending_count(user) -> int:
    return ShareProposal.objects.filter(
        portal__in=access.animated_portals(user),
        status=ShareProposal.PROPOSED,
        share__withdrawn_at__isnull=True,
    ).count()


def sent_page(user, *, page_number, request) -> dict:
    """Shares made by the portals this person animates, with their answers."""
    queryset = (
        _with_items(Share.objects.filter(portal__in=access.animated_portals(user)))
        .annotate(
            accepted=Count(
                "proposals", filter=Q(proposals__status=ShareProposal.ACCEPTED)
            ),
            proposed=Count(
                "proposals", filter=Q(proposals__status=ShareProposal.PROPOSED)
            ),
            declined=Count(
                "proposals", filter=Q(proposals__status=ShareProposal.DECLINED)
            ),
        )
        .order_by("-created_at", "-pk")
    )
    page = _page_of(queryset, page_number)
    shares = list(page.object_list)
    live_ids = set(
        Share.objects.filter(pk__in=[s.pk for s in shares])
        .filter(_live_condition())
        .values_list("pk", flat=True)
    )
    items = _describe(shares, request)
    by_share = {item.share.pk: item for item in items}
    rows = [
        {"share": s, "item": by_share.get(s.pk), "live": s.pk in live_ids}
        for s in shares
    ]
    return {"page": page, "rows": rows}


def network_page(user, *, page_number, request) -> dict:
    """What the other portals share with the whole network (audience network
    or public), for animators looking for ideas."""
    queryset = _with_items(
        Share.objects.filter(
            audience__in=[Share.AUDIENCE_NETWORK, Share.AUDIENCE_PUBLIC]
        )
        .exclude(portal__in=access.animated_portals(user))
        .filter(_live_condition())
    ).order_by("-created_at", "-pk")
    page = _page_of(queryset, page_number)
    shares = list(page.object_list)
    items = _describe(shares, request)
    return {"page": page, "items": items}


def share_targets(origin: Portal) -> list[Portal]:
    """The portals one may share with: every open portal but the origin."""
    return list(
        Portal.objects.filter(home_page__live=True)
        .exclude(pk=origin.pk)
        .order_by("name")
    )


def active_share_of(item) -> Share | None:
    """The current share of a page or an event, if it is shared."""
    item_filter = {"event": item} if isinstance(item, Event) else {"page_id": item.pk}
    return Share.objects.filter(withdrawn_at__isnull=True, **item_filter).first()


def proposed_portal_ids(item) -> set[int]:
    """Portals that already have this item in an active share (any answer)."""
    item_filter = (
        {"share__event": item}
        if isinstance(item, Event)
        else {"share__page_id": item.pk}
    )
    return set(
        ShareProposal.objects.filter(
            share__withdrawn_at__isnull=True, **item_filter
        ).values_list("portal_id", flat=True)
    )

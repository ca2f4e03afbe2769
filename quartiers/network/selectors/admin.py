"""Reads for the animators' sharing screens: proposals received, shares
sent, the network's ideas, and the share form's choices. Every list is
paginated and costs the same queries whatever the number of portals."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q

from quartiers.agenda.models import Event
from quartiers.portals import access
from quartiers.portals.models import Portal

from ..models import PortalGroup, Share, ShareProposal
from .cards import describe, with_items
from .live import live_condition

ADMIN_PAGE_SIZE = 25


def _page_of(queryset, page_number) -> PaginatorPage:
    return Paginator(queryset, ADMIN_PAGE_SIZE).get_page(page_number)


def _rows(objects, name: str, request) -> list[dict]:
    """One row per proposal (``name`` "proposal") or share ("share") of a
    page of the admin: the object, its card and whether its piece is still
    online at its origin (two queries for the whole page)."""
    objects = list(objects)
    share_ids = [obj.share_id if name == "proposal" else obj.pk for obj in objects]
    live_ids = set(
        Share.objects.filter(pk__in=share_ids)
        .filter(live_condition())
        .values_list("pk", flat=True)
    )
    by_share = {item.share.pk: item for item in describe(objects, request)}
    return [
        {name: obj, "item": by_share.get(share_id), "live": share_id in live_ids}
        for obj, share_id in zip(objects, share_ids, strict=True)
    ]


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
        with_items(queryset, prefix="share__")
        .select_related("portal")
        .order_by("-created_at", "-pk")
    )
    page = _page_of(queryset, page_number)
    return {"page": page, "rows": _rows(page.object_list, "proposal", request)}


def pending_count(user) -> int:
    return ShareProposal.objects.filter(
        portal__in=access.animated_portals(user),
        status=ShareProposal.PROPOSED,
        share__withdrawn_at__isnull=True,
    ).count()


def sent_page(user, *, page_number, request) -> dict:
    """Shares made by the portals this person animates, with their answers."""
    queryset = (
        with_items(Share.objects.filter(portal__in=access.animated_portals(user)))
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
    return {"page": page, "rows": _rows(page.object_list, "share", request)}


def network_page(user, *, page_number, request) -> dict:
    """What the other portals share with the whole network (audience network
    or public), for animators looking for ideas."""
    queryset = with_items(
        Share.objects.filter(
            audience__in=[Share.AUDIENCE_NETWORK, Share.AUDIENCE_PUBLIC]
        )
        .exclude(portal__in=access.animated_portals(user))
        .filter(live_condition())
    ).order_by("-created_at", "-pk")
    page = _page_of(queryset, page_number)
    shares = list(page.object_list)
    items = describe(shares, request)
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


TARGET_SEARCH_LIMIT = 20


def share_target_choices(
    origin: Portal, *, query: str = "", selected=()
) -> tuple[list[Portal], bool]:
    """The portals the share form offers as checkboxes: the ones already
    ticked, then those whose name, town or address matches ``query`` (every
    one when it is empty), at most TARGET_SEARCH_LIMIT; and whether more
    matched. Two queries, whatever the number of portals."""
    open_portals = Portal.objects.filter(home_page__live=True).exclude(pk=origin.pk)
    ids = []
    for value in selected:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    ticked = list(open_portals.filter(pk__in=ids).order_by("name")) if ids else []
    query = (query or "").strip()[:100]
    matches = open_portals.exclude(pk__in=[p.pk for p in ticked])
    if query:
        matches = matches.filter(
            Q(name__icontains=query)
            | Q(town__icontains=query)
            | Q(slug__icontains=query)
        )
    found = list(matches.order_by("name")[: TARGET_SEARCH_LIMIT + 1])
    return ticked + found[:TARGET_SEARCH_LIMIT], len(found) > TARGET_SEARCH_LIMIT


def share_group_choices() -> list[PortalGroup]:
    """Every group of portals, with how many portals it holds (one query)."""
    return list(
        PortalGroup.objects.annotate(portal_count=Count("portals")).order_by(
            "kind", "code", "name"
        )
    )

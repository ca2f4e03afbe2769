"""Reads of the fediverse side: the portal's public items through the one
visibility rule, its followers, its blocks."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.core.exceptions import FieldError
from django.db.models import Count, Prefetch, Q
from wagtail.models import Page

from quartiers.portals.features import ContentKind, ExposedItem, registry
from quartiers.portals.models import Portal
from quartiers.portals.selectors import portal_for_page
from quartiers.portals.visibility import portal_is_public, visible

from .models import (
    Block,
    Delivery,
    FederatedObject,
    Follower,
    Following,
    GroupNote,
    PortalActor,
    Reaction,
    RemoteReply,
    RetiredActor,
    SharedItem,
)
from .objects import OBJECT_TYPES

_OLDEST = datetime.min.replace(tzinfo=UTC)


def federated_kinds() -> list[ContentKind]:
    return [kind for kind in registry.content_kinds() if kind.key in OBJECT_TYPES]


def public_portal(slug: str) -> Portal | None:
    """The portal answering @slug, if the public may see it."""
    portal = (
        Portal.objects.filter(slug=slug.lower()).select_related("home_page").first()
    )
    return portal if portal_is_public(portal) else None


def portal_exists(slug: str) -> bool:
    return Portal.objects.filter(slug=slug.lower()).exists()


def retired_actor(actor_id: str) -> RetiredActor | None:
    """The Group of a deleted portal at this address, if there was one."""
    return RetiredActor.objects.filter(actor_id=actor_id).first()


def portal_actor(portal: Portal) -> PortalActor | None:
    return PortalActor.objects.filter(portal=portal).first()


def followers_count(portal: Portal) -> int:
    return Follower.objects.filter(portal=portal).count()


def follower_inboxes(portal: Portal) -> list[str]:
    """One inbox per server when it has a shared one (one delivery each)."""
    rows = Follower.objects.filter(portal=portal).values_list(
        "actor__shared_inbox", "actor__inbox"
    )
    return sorted({shared or own for shared, own in rows})


def outbox_total(portal: Portal) -> int:
    return sum(visible(portal, kind).count() for kind in federated_kinds())


def outbox_items(portal: Portal, *, offset: int, limit: int) -> list[ExposedItem]:
    """Visible items of every federated kind, newest first."""
    items = []
    for kind in federated_kinds():
        items += [kind.to_item(obj) for obj in visible(portal, kind)[: offset + limit]]
    items.sort(key=lambda item: item.published_at or _OLDEST, reverse=True)
    return items[offset : offset + limit]


def featured_items(portal: Portal, *, limit: int = 5) -> list[ExposedItem]:
    """The articles the newsroom puts forward."""
    kind = registry.content_kind("article")
    if kind is None:
        return []
    items = [kind.to_item(obj) for obj in visible(portal, kind)[:50]]
    return [item for item in items if item.extra.get("featured")][:limit]


def item_at(portal: Portal, path: str) -> ExposedItem | None:
    """The visible item whose page is ``path`` (/<slug>/<section>/.../<item>/)."""
    prefix = portal.get_absolute_url()
    if not path.startswith(prefix):
        return None
    parts = [part for part in path[len(prefix) :].split("/") if part]
    if len(parts) < 2:
        return None
    for kind in federated_kinds():
        section = registry.section(kind.section_key)
        if section is None or section.slug != parts[0]:
            continue
        try:
            candidates = list(visible(portal, kind).filter(slug=parts[-1])[:5])
        except FieldError:
            continue
        for obj in candidates:
            item = kind.to_item(obj)
            if item.url == path:
                return item
    return None


def is_item_path(portal: Portal, path: str) -> bool:
    """Whether ``path`` sits where a federated kind's items live."""
    parts = [part for part in path[len(portal.get_absolute_url()) :].split("/") if part]
    sections = {
        section.slug
        for kind in federated_kinds()
        if (section := registry.section(kind.section_key)) is not None
    }
    return len(parts) >= 2 and parts[0] in sections


def _domain_matches(domain: str) -> Q:
    """Blocks naming this server or a server above it (a.example blocks x.a.example)."""
    labels = domain.lower().split(".")
    names = [".".join(labels[i:]) for i in range(len(labels) - 1)] or [domain]
    return Q(domain__in=names)


def is_blocked(portal: Portal | None, uri: str) -> bool:
    """Whether this remote account (or its whole server) is refused, by the
    network or by this portal."""
    domain = (urlsplit(uri).hostname or "").lower()
    if not domain:
        return True
    scope = Q(portal__isnull=True)
    if portal is not None:
        scope |= Q(portal=portal)
    return (
        Block.objects.filter(scope)
        .filter(_domain_matches(domain) | Q(actor_uri=uri.split("#", 1)[0]))
        .exists()
    )


def portal_ids_for(*, portal_id: int = 0, page_id: int = 0, collection_id: int = 0):
    """Portals that have announced items, among those named (by portal, page
    or image collection): only they can have anything to withdraw."""
    announced = FederatedObject.objects.filter(state=FederatedObject.PUBLISHED)
    ids: set[int] = set()
    if portal_id:
        ids.add(portal_id)
    if collection_id:
        ids |= set(
            Portal.objects.filter(collection_id=collection_id).values_list(
                "pk", flat=True
            )
        )
    if page_id:
        page = Page.objects.filter(pk=page_id).first()
        portal = portal_for_page(page) if page is not None else None
        if portal is not None:
            ids.add(portal.pk)
    return sorted(
        set(announced.filter(portal_id__in=ids).values_list("portal_id", flat=True))
    )


def portal_status_rows(portals: list[Portal]) -> list[dict]:
    """Followers, follows, waiting replies and deliveries of each portal
    (a handful of grouped queries whatever the number of portals)."""
    ids = [portal.pk for portal in portals]

    def counts(queryset) -> dict[int, int]:
        return dict(
            queryset.filter(portal_id__in=ids)
            .values_list("portal_id")
            .annotate(n=Count("pk"))
            .values_list("portal_id", "n")
        )

    followers = counts(Follower.objects.all())
    following = counts(Following.objects.filter(state=Following.ACCEPTED))
    replies = counts(RemoteReply.objects.filter(status=RemoteReply.PENDING))
    shares = counts(SharedItem.objects.filter(status=SharedItem.PROPOSED))
    pending = counts(Delivery.objects.filter(status=Delivery.PENDING))
    failed = counts(Delivery.objects.filter(status=Delivery.FAILED))
    likes = counts(Reaction.objects.filter(type=Reaction.LIKE))
    boosts = counts(Reaction.objects.filter(type=Reaction.ANNOUNCE))
    return [
        {
            "portal": portal,
            "followers": followers.get(portal.pk, 0),
            "following": following.get(portal.pk, 0),
            "replies": replies.get(portal.pk, 0),
            "shares": shares.get(portal.pk, 0),
            "pending": pending.get(portal.pk, 0),
            "failed": failed.get(portal.pk, 0),
            "likes": likes.get(portal.pk, 0),
            "boosts": boosts.get(portal.pk, 0),
        }
        for portal in portals
    ]


def pending_replies(portal: Portal) -> list[RemoteReply]:
    return list(
        RemoteReply.objects.filter(portal=portal, status=RemoteReply.PENDING)
        .select_related("actor", "target")
        .order_by("received_at", "pk")[:100]
    )


def proposed_shares(portal: Portal) -> list[SharedItem]:
    return list(
        SharedItem.objects.filter(portal=portal, status=SharedItem.PROPOSED)
        .select_related("origin")
        .order_by("-received_at", "-pk")[:100]
    )


def followings(portal: Portal) -> list[Following]:
    return list(
        Following.objects.filter(portal=portal).select_related("actor").order_by("pk")
    )


def portals_with_announced_items() -> list[int]:
    return sorted(
        set(
            FederatedObject.objects.filter(state=FederatedObject.PUBLISHED).values_list(
                "portal_id", flat=True
            )
        )
    )


def group_note(portal: Portal, note_id: int) -> GroupNote | None:
    """One of the portal's answers, if the reply it answers is published."""
    return (
        GroupNote.objects.filter(
            portal=portal, pk=note_id, reply__status=RemoteReply.PUBLISHED
        )
        .select_related("portal", "reply__actor")
        .first()
    )


MAX_SHOWN_REPLIES = 200


def published_replies(page) -> list[RemoteReply]:
    """The replies from the fediverse the animators published under this
    item (oldest first, with the portal's answers), if the public may see
    the item. One query when there are none, three when there are."""
    label = type(page)._meta.label
    kind = next((k for k in federated_kinds() if k.model == label), None)
    if kind is None or not page.pk:
        return []
    replies = list(
        RemoteReply.objects.filter(
            status=RemoteReply.PUBLISHED,
            target__kind=kind.key,
            target__object_id=page.pk,
        )
        .select_related("actor")
        .prefetch_related(
            Prefetch("answers", queryset=GroupNote.objects.order_by("created_at", "pk"))
        )
        .order_by("received_at", "pk")[:MAX_SHOWN_REPLIES]
    )
    if replies and not visible(None, kind).filter(pk=page.pk).exists():
        return []
    return replies


def network_blocks() -> list[Block]:
    return list(Block.objects.filter(portal__isnull=True).order_by("domain", "pk"))

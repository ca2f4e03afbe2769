"""Reads of the directory and the practical information: scoped to a portal,
with a number of queries that does not grow with the data."""

import json
import random
from datetime import date

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from wagtail.images import get_image_model

from quartiers.portals.models import Portal
from quartiers.portals.selectors import in_subtree

from .models import LocalActor, PracticalInfoIndexPage, PracticalInfoPage

DIRECTORY_PAGE_SIZE = 20
MAP_LIMIT = 500
LOGO_SPEC = "max-240x240"
STALE_AFTER_DAYS = 183


def published_actors(portal: Portal) -> QuerySet[LocalActor]:
    return LocalActor.objects.filter(portal=portal, status=LocalActor.PUBLISHED)


def actors_page(
    *, portal: Portal, kind: str = "", query: str = "", page_number=None
) -> PaginatorPage:
    """One page of the portal's published actors, filtered by kind and name."""
    queryset = published_actors(portal)
    if kind:
        queryset = queryset.filter(kind=kind)
    if query:
        queryset = queryset.filter(name__icontains=query)
    queryset = queryset.only(
        "pk", "portal_id", "name", "slug", "kind", "address", "postcode", "town"
    ).order_by("name", "pk")
    return Paginator(queryset, DIRECTORY_PAGE_SIZE).get_page(page_number)


def map_actors(portal: Portal) -> list[LocalActor]:
    """The published actors shown on the map page (the list is its base)."""
    return list(
        published_actors(portal)
        .only(
            "pk",
            "portal_id",
            "name",
            "slug",
            "kind",
            "address",
            "postcode",
            "town",
            "latitude",
            "longitude",
            "status",
        )
        .order_by("name", "pk")[:MAP_LIMIT]
    )


def map_markers(actors: list[LocalActor], actors_root: str) -> list[dict]:
    """The JSON island of the map: published actors with coordinates only."""
    kinds = dict(LocalActor.KIND_CHOICES)
    return [
        {
            "name": actor.name,
            "kind": str(kinds.get(actor.kind, "")),
            "address": actor.address_line(),
            "url": f"{actors_root}{actor.slug}/",
            "lat": float(actor.latitude),
            "lon": float(actor.longitude),
        }
        for actor in actors
        if actor.status == LocalActor.PUBLISHED
        and actor.latitude is not None
        and actor.longitude is not None
    ]


def _with_logo(queryset: QuerySet[LocalActor]) -> QuerySet[LocalActor]:
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=LOGO_SPEC)
    )
    return queryset.select_related("logo").prefetch_related(
        Prefetch("logo__renditions", queryset=renditions)
    )


def actor_for_public(*, portal: Portal, slug: str) -> LocalActor:
    """A published actor of this portal; anything else answers 404."""
    actor = _with_logo(published_actors(portal).filter(slug=slug)).first()
    if actor is None:
        raise Http404
    return actor


def actor_for_manager(*, portal: Portal, user, slug: str) -> LocalActor:
    """An actor this partner account manages; missing and "not yours" are 404."""
    if not user.is_authenticated:
        raise Http404
    actor = (
        _with_logo(
            LocalActor.objects.filter(portal=portal, slug=slug, managers=user).exclude(
                status=LocalActor.REFUSED
            )
        )
        .distinct()
        .first()
    )
    if actor is None:
        raise Http404
    return actor


def managed_actors(*, portal: Portal, user) -> list[LocalActor]:
    if not user.is_authenticated:
        return []
    return list(
        LocalActor.objects.filter(portal=portal, managers=user)
        .exclude(status=LocalActor.REFUSED)
        .only("pk", "portal_id", "name", "slug")
    )


def home_actors(portal: Portal, *, count: int = 6, pool: int = 30) -> list[LocalActor]:
    """A few published actors for the portal home, changing once a day.

    One query: the newest ``pool`` actors, then a sample seeded by the day and
    the portal, so the block is stable within a day and cacheable.
    """
    candidates = list(
        published_actors(portal)
        .only("pk", "portal_id", "name", "slug", "kind", "town", "description")
        .order_by("-created_at", "-pk")[:pool]
    )
    rng = random.Random(f"{portal.pk}-{date.today().isoformat()}")
    chosen = rng.sample(candidates, min(count, len(candidates)))
    return sorted(chosen, key=lambda actor: actor.name)


def articles_mentioning(actor: LocalActor, *, portal: Portal, limit: int = 5) -> list:
    """Live articles of the actor's portal whose title or text names the actor.

    A plain ``icontains`` rather than the search index: names are short and
    exact, and a portal holds few enough articles for a scan. The body is
    stored as JSON, where SQLite keeps accents escaped (``\\u00e9``): look for
    both spellings.
    """
    from quartiers.newsroom import selectors as newsroom_selectors

    name = actor.name.strip()
    if len(name) < 3 or actor.portal_id != portal.pk or not portal.home_page_id:
        return []
    escaped = json.dumps(name)[1:-1]
    condition = Q(title__icontains=name) | Q(body__icontains=name)
    if escaped != name:
        condition |= Q(body__icontains=escaped)
    return list(
        newsroom_selectors.live_articles(portal)
        .filter(condition)
        .only("pk", "title", "url_path", "path", "depth", "first_published_at")
        .order_by("-first_published_at", "-pk")[:limit]
    )


def practical_infos(index: PracticalInfoIndexPage) -> list[PracticalInfoPage]:
    return list(
        PracticalInfoPage.objects.live()
        .public()
        .child_of(index)
        .order_by("title")
        .only(
            "pk",
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "intro",
            "last_checked",
        )
    )


def stale_practical_infos(portal: Portal, *, today: date) -> list[PracticalInfoPage]:
    """The portal's live practical info pages not checked for six months."""
    from datetime import timedelta

    home = portal.home_page
    if home is None:
        return []
    limit = today - timedelta(days=STALE_AFTER_DAYS)
    return list(
        PracticalInfoPage.objects.live()
        .filter(in_subtree(home.path))
        .filter(Q(last_checked__lt=limit) | Q(last_checked__isnull=True))
        .order_by("last_checked", "title")
    )


def suggestions_by(user) -> QuerySet[LocalActor]:
    return LocalActor.objects.filter(suggested_by=user).select_related("portal")


def organisations_of(*, portal: Portal, user) -> list[LocalActor]:
    """The profiles this partner account manages on this portal (refused ones
    left out), with their logo: "Mon organisation"."""
    if not user.is_authenticated:
        return []
    return list(
        _with_logo(
            LocalActor.objects.filter(portal=portal, managers=user).exclude(
                status=LocalActor.REFUSED
            )
        )
        .distinct()
        .order_by("name", "pk")
    )


# "Mes contributions" (accounts.contributions) ---------------------------------

_SUGGESTION_STATES = {
    LocalActor.SUGGESTED: "pending",
    LocalActor.PUBLISHED: "published",
    LocalActor.REFUSED: "refused",
}


def contributions_count(portal: Portal, user) -> int:
    return LocalActor.objects.filter(portal=portal, suggested_by=user).count()


def contributions_of(portal: Portal, user, limit: int) -> list:
    """The local actors the person suggested on this portal, newest first,
    with the animators' word when they gave one."""
    from django.utils.translation import gettext as _

    from quartiers.accounts.contributions import Contribution

    root = portal.get_absolute_url()
    actors = (
        LocalActor.objects.filter(portal=portal, suggested_by=user)
        .only("pk", "name", "slug", "status", "moderation_note", "updated_at")
        .order_by("-updated_at", "-pk")
    )
    return [
        Contribution(
            kind="actor",
            kind_label=_("Acteur local suggéré"),
            title=actor.name,
            state=_SUGGESTION_STATES.get(actor.status, actor.status),
            updated_at=actor.updated_at,
            message=actor.moderation_note,
            url=(
                f"{root}acteurs/{actor.slug}/"
                if actor.status == LocalActor.PUBLISHED
                else ""
            ),
        )
        for actor in actors[:limit]
    ]

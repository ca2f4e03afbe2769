"""Reads about portals: already scoped, with a bounded number of queries."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from wagtail.images import get_image_model

from quartiers.accounts.models import Membership

from .features import registry
from .models import Portal

LOGO_SPEC = "fill-160x160"


def _with_logos(queryset: QuerySet[Portal]) -> QuerySet[Portal]:
    image_model = get_image_model()
    return queryset.select_related("logo", "home_page").prefetch_related(
        Prefetch(
            "logo__renditions",
            queryset=image_model.get_rendition_model().objects.filter(
                filter_spec=LOGO_SPEC
            ),
        )
    )


def listed_portals() -> QuerySet[Portal]:
    """Portals offered to residents: open, with a live home and an active
    animator (a new portal stays unlisted until both are true)."""
    animated = Membership.objects.filter(
        portal=OuterRef("pk"), role=Membership.ANIMATOR, user__is_active=True
    )
    return Portal.objects.filter(is_open=True, home_page__live=True).filter(
        Exists(animated)
    )


def hub_portals_page(*, page_number, per_page: int) -> PaginatorPage:
    """One page of the network's portals for the hub, logos included."""
    queryset = _with_logos(listed_portals().order_by("name"))
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(page_number)


ADMIN_PORTALS_PER_PAGE = 50


def admin_portals_page(user, *, query: str = "", page_number=None) -> PaginatorPage:
    """One page of the portals this person animates (every portal for the
    coordination), by name, narrowed by a search on name, town or address."""
    from . import access

    queryset = access.animated_portals(user).order_by("name", "pk")
    words = (query or "").strip()[:100]
    if words:
        queryset = queryset.filter(
            Q(name__icontains=words)
            | Q(town__icontains=words)
            | Q(slug__icontains=words)
        )
    return Paginator(queryset, ADMIN_PORTALS_PER_PAGE).get_page(page_number)


def portal_by_slug(slug: str) -> Portal | None:
    return _with_logos(Portal.objects.filter(slug=slug)).first()


def portal_by_home_page_id(page_id: int) -> Portal | None:
    return _with_logos(Portal.objects.filter(home_page_id=page_id)).first()


def enabled_sections(portal: Portal, root: str) -> list[dict]:
    """The sections the portal shows, in order, with their URL (no query)."""
    return [
        {"section": section, "url": f"{root}{section.slug}/"}
        for section in registry.sections()
        if portal.section_enabled(section.key)
    ]


PORTAL_HOME_PATH_LENGTH = 12  # root (4) + hub (4) + portal home (4)


def portal_for_page(page) -> Portal | None:
    """The portal a page belongs to, from its tree path (one query)."""
    if page is None or len(page.path) < PORTAL_HOME_PATH_LENGTH:
        return None
    return (
        Portal.objects.filter(home_page__path=page.path[:PORTAL_HOME_PATH_LENGTH])
        .select_related("home_page")
        .first()
    )


_PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def in_subtree(path: str) -> Q:
    """Pages at or under ``path``, as a range on the indexed tree path.

    ``path__startswith`` becomes a LIKE that SQLite cannot serve from the
    index; with 100,000 pages a portal's "latest articles" then walked the
    whole table. The range [path, next sibling's path) is the same set.
    """
    position = _PATH_ALPHABET.find(path[-1:])
    if position < 0 or position == len(_PATH_ALPHABET) - 1:
        return Q(path__startswith=path)
    upper = path[:-1] + _PATH_ALPHABET[position + 1]
    return Q(path__gte=path, path__lt=upper)

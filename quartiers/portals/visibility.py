"""The one visibility rule: what the public may see.

An item is public when it is live, every page above it up to the network hub
is live (the show of an episode, the blog of a post, the portal home...), its
portal's home is live and shows the item's section, and its content kind says
so (``ContentKind.published``: image-rights consent, moderation, expiry, a
ready sound...). Every surface reads through this module: pages served by
Wagtail (:func:`page_is_visible`, called before any page is served), lists,
the API, feeds, calendars, search, widgets, oEmbed, sitemaps, the hub and
shares between portals (:func:`visible`, :func:`is_visible`).

Dependencies point inwards: this module imports no content app; the apps
declare their kinds (and what each adds to the rule) in the feature registry.
"""

from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from wagtail.models import Page

from .features import ContentKind, registry
from .models import Portal
from .selectors import PORTAL_HOME_PATH_LENGTH

HUB_DEPTH = 2  # the tree root is 1, the network hub 2, portal homes 3
PORTAL_HOME_DEPTH = PORTAL_HOME_PATH_LENGTH // Page.steplen
SECTION_DEPTH = PORTAL_HOME_DEPTH + 1
# Deepest ancestor looked at for pages in lists (an episode sits at depth 6:
# hub, portal home, radio, show, episode); deeper pages are served by the
# page check, which has no such bound.
MAX_ANCESTOR_DEPTH = 12


def _kind(kind: ContentKind | str) -> ContentKind:
    if isinstance(kind, ContentKind):
        return kind
    found = registry.content_kind(kind)
    if found is None:
        raise LookupError(f"No content kind {kind!r} is registered.")
    return found


def _is_page_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, Page)


def hidden_ancestor(prefix: str = "") -> Exists:
    """Exists: a page between the hub and the row's page (``prefix`` for a
    relation, e.g. "share__page__") is not live."""
    path = OuterRef(f"{prefix}path")
    ancestors = reduce(
        or_,
        (
            Q(depth=depth, path=Substr(path, 1, depth * Page.steplen))
            for depth in range(HUB_DEPTH, MAX_ANCESTOR_DEPTH)
        ),
    )
    return Exists(
        Page.objects.filter(live=False, depth__lt=OuterRef(f"{prefix}depth")).filter(
            ancestors
        )
    )


def ancestors_live(queryset: QuerySet, prefix: str = "") -> QuerySet:
    """Pages whose every ancestor up to the hub is live."""
    return queryset.filter(~hidden_ancestor(prefix))


def portal_is_public(portal: Portal | None) -> bool:
    return bool(
        portal is not None
        and portal.home_page_id
        and portal.home_page is not None
        and portal.home_page.live
    )


def public_portal_ids(section_key: str) -> list[int]:
    """Ids of the portals whose home is live and which show this section."""
    rows = Portal.objects.filter(home_page__live=True).values_list(
        "pk", "enabled_sections"
    )
    return [pk for pk, sections in rows if section_key in (sections or ())]


def section_shown(portal: Portal | None, section_key: str) -> bool:
    """The portal is public and shows the section."""
    return (
        portal is not None
        and portal_is_public(portal)
        and portal.section_enabled(section_key)
    )


def home_blocks(portal: Portal) -> list:
    """The portal home's blocks, less those of a section it switched off (a
    block whose key names a section belongs to that section)."""
    return [
        block
        for block in registry.home_blocks()
        if registry.section(block.key) is None or portal.section_enabled(block.key)
    ]


def visible(portal: Portal | None, kind: ContentKind | str) -> QuerySet:
    """The items of ``kind`` the public may see in ``portal`` (None: in every
    public portal), newest first, ready for ``kind.to_item``.

    The one queryset every surface lists, counts and looks items up in.
    """
    kind = _kind(kind)
    queryset = kind.published(portal)
    if portal is not None and not section_shown(portal, kind.section_key):
        return queryset.none()
    if _is_page_model(queryset.model):
        queryset = ancestors_live(queryset)
    return queryset


def visible_ids(portal: Portal | None, kind: ContentKind | str) -> QuerySet:
    """Primary keys of :func:`visible`, as a subquery."""
    return visible(portal, kind).order_by().values("pk")


def kind_of(obj_or_model) -> ContentKind | None:
    """The registered content kind of an object or model (None if none)."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for kind in registry.content_kinds():
        try:
            kind_model = apps.get_model(kind.model)
        except LookupError:
            continue
        if issubclass(model, kind_model):
            return kind
    return None


def is_visible(obj, portal: Portal | None = None) -> bool:
    """Whether the public may see this item (one query)."""
    kind = kind_of(obj)
    if kind is None:
        return False
    return visible(portal, kind).filter(pk=obj.pk).exists()


def _section_key_of(content_type_id: int) -> str | None:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    for section in registry.sections():
        try:
            section_model = apps.get_model(section.page_model)
        except LookupError:
            continue
        if issubclass(model, section_model):
            return section.key
    return None


def page_is_visible(page, portal: Portal | None = None) -> bool:
    """Whether Wagtail may serve this page to the public (a few queries).

    The page and every page above it up to the hub are live; a page of a
    portal needs the portal to show the page's section. What a kind adds for
    its lists (a ready sound, an event still to come) does not close the
    page: an episode whose sound is being prepared again says so there, a
    past event stays in the archives.
    """
    if not page.live:
        return False
    prefixes = [
        page.path[: depth * Page.steplen] for depth in range(HUB_DEPTH, page.depth + 1)
    ]
    ancestors = {
        depth: (pk, live, content_type_id)
        for depth, pk, live, content_type_id in Page.objects.filter(
            path__in=prefixes
        ).values_list("depth", "pk", "live", "content_type_id")
    }
    if any(not live for _pk, live, _ct in ancestors.values()):
        return False
    if page.depth < PORTAL_HOME_DEPTH:
        return True
    home_pk = ancestors.get(PORTAL_HOME_DEPTH, (None,))[0]
    if portal is None or portal.home_page_id != home_pk:
        portal = (
            Portal.objects.filter(home_page_id=home_pk)
            .select_related("home_page")
            .first()
        )
    if portal is None:
        # A page under the hub that belongs to no portal (the toolkit...).
        return True
    if page.depth >= SECTION_DEPTH:
        section_key = _section_key_of(ancestors[SECTION_DEPTH][2])
        if section_key is not None and not portal.section_enabled(section_key):
            return False
    return True

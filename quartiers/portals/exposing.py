"""Building blocks for the content kinds that apps declare in ``exposure.py``.

Each app says what its content exposes (feeds, API, search, widgets) through
a ``ContentKind``; this module holds what those declarations share: which
portals are public, the portal of a page (pages carry no portal column), a
batch loader that keeps "one item = no extra query" true, images that respect
image rights, and plain-text summaries.

Dependencies point one way: apps' ``exposure.py`` import this module; it
imports nothing outside the foundation (portals, core).
"""

from collections.abc import Callable, Iterable
from functools import cache
from itertools import islice

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Substr
from django.db.models.query import ModelIterable
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.images import get_image_model

from quartiers.portals.models import Portal
from quartiers.portals.selectors import PORTAL_HOME_PATH_LENGTH, in_subtree

# The one rendition every consumer of an exposed image asks for (feeds'
# enclosures, API image_url, widget cards): prefetched with the items.
IMAGE_SPEC = "fill-640x400"
# Photos inside a body (articles), as the article page shows them.
BODY_IMAGE_SPEC = "width-1200"
SUMMARY_CHARS = 280
BATCH = 500


def public_portals(section_key: str) -> list[tuple[int, str]]:
    """(id, home page path) of the portals whose home page is live and which
    show this section: one light query, no model built (network-wide search
    and feeds call it once per kind)."""
    rows = Portal.objects.filter(home_page__live=True).values_list(
        "pk", "home_page__path", "enabled_sections"
    )
    return [(pk, path) for pk, path, sections in rows if section_key in sections]


def scope_by_portal(queryset: QuerySet, portal: Portal | None, section_key: str):
    """Rows of models with a ``portal`` column: that portal, or every public one.

    A portal whose section is switched off exposes nothing of that section.
    """
    if portal is not None:
        if not portal.section_enabled(section_key):
            return queryset.none()
        return queryset.filter(portal=portal)
    return queryset.filter(portal__in=[pk for pk, _path in public_portals(section_key)])


def scope_pages(queryset: QuerySet, portal: Portal | None, section_key: str):
    """Pages of that portal's subtree, or of every public portal's.

    Each row gets ``exposed_home_path`` (the path of its portal's home page)
    for :func:`attach_page_portals`.
    """
    queryset = queryset.annotate(
        exposed_home_path=Substr("path", 1, PORTAL_HOME_PATH_LENGTH)
    )
    if portal is not None:
        if not portal.section_enabled(section_key) or not portal.home_page_id:
            return queryset.none()
        return queryset.filter(in_subtree(portal.home_page.path))
    paths = [path for _pk, path in public_portals(section_key)]
    return queryset.filter(exposed_home_path__in=paths)


def attach_page_portals(pages: list) -> None:
    """Set ``exposed_portal`` on each page of a batch (one query)."""
    paths = {page.path[:PORTAL_HOME_PATH_LENGTH] for page in pages}
    portals = {
        portal.home_page.path: portal
        for portal in Portal.objects.filter(home_page__path__in=paths).select_related(
            "home_page"
        )
    }
    for page in pages:
        page.exposed_portal = portals.get(page.path[:PORTAL_HOME_PATH_LENGTH])


def page_portal(page) -> Portal | None:
    """The portal of a page loaded through a kind (or, as a fallback, one query)."""
    portal = getattr(page, "exposed_portal", None)
    if portal is None:
        from quartiers.portals.selectors import portal_for_page

        portal = portal_for_page(page)
        page.exposed_portal = portal
    return portal


def page_path(page) -> str:
    """The address of a page on the network site, from its url_path (no query).

    url_path starts with the hub's own slug, which the network site serves
    at "/": "/reseau/alpha/journal/x/" is served at "/alpha/journal/x/".
    """
    parts = page.url_path.split("/", 2)
    return "/" + (parts[2] if len(parts) > 2 else "")


class BatchLoadingIterable(ModelIterable):
    """Model rows in batches; each batch goes through the class's loaders.

    Loaders take a list of objects and attach what to_item needs in one query
    for the whole batch, so that iterating N items costs constant queries.
    """

    loaders: tuple[Callable[[list], None], ...] = ()

    def __iter__(self):
        rows = super().__iter__()
        while batch := list(islice(rows, BATCH)):
            for loader in self.loaders:
                loader(batch)
            yield from batch


@cache
def _iterable_with(loaders: tuple) -> type[BatchLoadingIterable]:
    return type("KindIterable", (BatchLoadingIterable,), {"loaders": loaders})


def with_loaders(queryset: QuerySet, *loaders: Callable[[list], None]) -> QuerySet:
    """The queryset, whose rows pass through ``loaders`` batch by batch.

    The iterable class survives filter(), order_by() and slicing (Django
    copies it to every clone); values() and specific() replace it, and need
    none of this.
    """
    queryset = queryset.all()
    queryset._iterable_class = _iterable_with(tuple(loaders))
    return queryset


def image_renditions(*specs: str) -> QuerySet:
    """Renditions at the given specs, for a Prefetch of "...renditions"."""
    return (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=specs or (IMAGE_SPEC,))
    )


def with_image(queryset: QuerySet, field: str, *specs: str) -> QuerySet:
    """select_related one image field and prefetch its renditions."""
    return queryset.select_related(field).prefetch_related(
        Prefetch(f"{field}__renditions", queryset=image_renditions(*specs))
    )


def publishable(image):
    """The image if its rights allow publishing it, else None."""
    if image is None or not getattr(image, "publishable", True):
        return None
    return image


def summary_of(*texts: str) -> str:
    """One or two sentences of plain text from the first non-empty text."""
    for text in texts:
        plain = " ".join(strip_tags(text or "").split())
        if plain:
            return Truncator(plain).chars(SUMMARY_CHARS)
    return ""


def tag_names(obj, attribute: str = "tags") -> tuple[str, ...]:
    """Names of prefetched tags (``prefetch_related("tags")``), in order."""
    manager = getattr(obj, attribute)
    return tuple(sorted(tag.name for tag in manager.all()))


def load_images(image_ids: Iterable[int], *specs: str) -> dict:
    """Images by id with their renditions at ``specs`` (two queries)."""
    ids = {pk for pk in image_ids if pk}
    if not ids:
        return {}
    images = (
        get_image_model()
        .objects.filter(pk__in=ids)
        .prefetch_related(Prefetch("renditions", queryset=image_renditions(*specs)))
    )
    return {image.pk: image for image in images}


def stream_blocks(stream) -> list[tuple[str, object]]:
    """(type, raw value) of each block of a StreamField, without loading the
    blocks (no query for the images they point at)."""
    raw = getattr(stream, "raw_data", stream) or []
    return [(block.get("type", ""), block.get("value")) for block in raw]


def list_items(value) -> list:
    """The items of a ListBlock's raw value (old plain lists and new dicts)."""
    items = []
    for item in value or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            items.append(item["value"])
        else:
            items.append(item)
    return items


def rich_text_html(source: str) -> str:
    """Stored rich text as public, cleaned HTML (internal links resolved)."""
    from wagtail.rich_text import expand_db_html

    from quartiers.core.sanitize import clean_html

    return clean_html(expand_db_html(source or ""))


def rich_text_plain(source: str) -> str:
    from html import unescape

    return unescape(strip_tags(source or ""))


def figure_html(image, alt: str, caption: str = "") -> str:
    """<figure> of a publishable image, or "" (the path of the rendition is
    relative to the site; feeds make it absolute)."""
    from django.utils.html import format_html

    image = publishable(image)
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(BODY_IMAGE_SPEC)
    except (OSError, ValueError):
        # A lost or broken file leaves the text readable without the photo.
        return ""
    caption_html = (
        format_html("<figcaption>{}</figcaption>", caption) if caption else ""
    )
    return format_html(
        '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
        rendition.url,
        alt or getattr(image, "default_alt_text", ""),
        rendition.width,
        rendition.height,
        caption_html,
    )

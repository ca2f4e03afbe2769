"""RSS 2.0 and Atom feeds built from the content kinds.

Each app serves the feeds of its own lists (``<app>/feeds.py``) with the
helpers here; outreach itself serves the everything-new feed of a portal
(/<p>/rss.xml) and of the whole network (/rss.xml). A feed is rendered once
and kept in the cache a few minutes, per address and language.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpResponse
from django.urls import register_converter
from django.utils import feedgenerator, timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from quartiers.core.sanitize import xml_safe
from quartiers.portals import pagecache, visibility
from quartiers.portals.features import ExposedItem, registry

from .links import (
    absolutize,
    as_datetime,
    file_facts,
    image_rendition,
    portal_url,
    public_url,
    tag_uri,
)

FEED_ITEMS = 20
DEFAULT_CACHE_SECONDS = 300
FORMATS = {"rss": "RSS", "atom": "Atom"}


class FeedFormatConverter:
    """<feed:fmt> in a route: "rss" or "atom" (rss.xml, atom.xml)."""

    regex = "rss|atom"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedFormatConverter, "feed")


class XmlSafeFeed:
    """A feed that writes any text, whatever it holds: characters XML 1.0
    refuses (a U+000B pasted into a title) are taken out before writing,
    where Django's writer would fail and the whole feed answer 500."""

    def write(self, outfile, encoding):
        self.feed = xml_safe(self.feed)
        self.items = xml_safe(self.items)
        return super().write(outfile, encoding)


class _SelfLinkTyped:
    """Passes everything to the XML writer, adding its ``type`` to the
    feed's rel="self" link (feed validators and some readers want it)."""

    def __init__(self, handler, mime: str):
        self._handler, self._mime = handler, mime

    def addQuickElement(self, name, contents=None, attrs=None):  # noqa: N802
        if name in ("link", "atom:link") and (attrs or {}).get("rel") == "self":
            attrs = {**attrs, "type": self._mime}
        return self._handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name):
        return getattr(self._handler, name)


class Rss(XmlSafeFeed, feedgenerator.Rss201rev2Feed):
    def add_root_elements(self, handler):
        super().add_root_elements(_SelfLinkTyped(handler, "application/rss+xml"))


class AtomWithContent(XmlSafeFeed, feedgenerator.Atom1Feed):
    """Atom with the full text in <content>, next to the short <summary>."""

    def add_root_elements(self, handler):
        super().add_root_elements(_SelfLinkTyped(handler, "application/atom+xml"))

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass
class FeedSpec:
    title: str
    link: str  # the HTML page the feed follows (absolute)
    description: str
    items: list[ExposedItem] = field(default_factory=list)
    # Network-wide feeds name each item's portal in its title.
    show_portal: bool = False
    # Who publishes the feed (Atom requires an author): the portal's name.
    author: str = ""
    portal: object = None


def cache_seconds() -> int:
    return getattr(settings, "QUARTIERS_FEED_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)


def newest(items: Iterable[ExposedItem], limit: int = FEED_ITEMS) -> list:
    """Items of several kinds merged, newest first."""
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(items, key=lambda i: i.published_at or oldest, reverse=True)[:limit]


def items_of(kind_key: str, queryset, limit: int = FEED_ITEMS) -> list[ExposedItem]:
    """The first ``limit`` rows of a kind's queryset, as items."""
    kind = registry.content_kind(kind_key)
    return [kind.to_item(row) for row in queryset[:limit]]


def latest_of_every_kind(portal, limit: int = FEED_ITEMS) -> list[ExposedItem]:
    """The newest items of every kind a portal shows (portal None: every
    portal), merged; each kind costs its constant few queries."""
    items = []
    for kind in registry.content_kinds():
        if portal is not None and not portal.section_enabled(kind.section_key):
            continue
        items += [kind.to_item(row) for row in visibility.visible(portal, kind)[:limit]]
    return newest(items, limit)


def _when(item: ExposedItem) -> str:
    start = as_datetime(item.extra.get("start"))
    if start is None:
        return ""
    start = timezone.localtime(start)
    if item.extra.get("all_day"):
        return date_format(start, "l j F Y")
    return date_format(start, "l j F Y, G\\hi")


def details_html(item: ExposedItem) -> str:
    """When and where, for events (feed readers show no custom field)."""
    when = _when(item)
    place = item.extra.get("place") or ""
    if not when and not place:
        return ""
    parts = []
    if when:
        parts.append(format_html("<strong>{}</strong> {}", _("Quand :"), when))
    if place:
        parts.append(format_html("<strong>{}</strong> {}", _("Où :"), place))
    return format_html(
        "<p>{}</p>", format_html_join(mark_safe("<br>"), "{}", ((p,) for p in parts))
    )


def full_html(request, item: ExposedItem) -> str:
    body = item.body_html or linebreaks(item.summary)
    return absolutize(request, details_html(item) + body)


def guid(request, item: ExposedItem, uuids: dict | None = None) -> str:
    """A stable identifier: same item, same id, whatever its title or slug,
    the host it was asked from or the domain its portal moves to.

    A row that carries its own permanent ``guid`` (a radio episode) is known
    by it, as in its podcast feed.
    """
    own = (uuids or {}).get((item.kind, item.id))
    if own:
        return str(own)
    return tag_uri(f"{item.kind}-{item.id}")


def own_guids(items: Iterable[ExposedItem]) -> dict:
    """{(kind, id): guid} for the items whose model keeps a permanent guid
    field (one query per such kind)."""
    from django.apps import apps

    wanted: dict[str, set] = {}
    for item in items:
        wanted.setdefault(item.kind, set()).add(item.id)
    found = {}
    for kind_key, ids in wanted.items():
        try:
            kind = registry.content_kind(kind_key)
            model = apps.get_model(kind.model)
            model._meta.get_field("guid")
        except (KeyError, LookupError, ValueError, FieldDoesNotExist):
            continue  # a kind without a guid of its own: a tag: URI
        for pk, value in model.objects.filter(pk__in=ids).values_list("pk", "guid"):
            if value:
                found[(kind_key, pk)] = value
    return found


def feed_id(request) -> str:
    """The feed's own permanent id (Atom <id>): its path on the portal,
    whatever the host (a portal on its own domain is served at "/")."""
    path = request.path
    portal = getattr(request, "portal", None)
    if portal is not None and getattr(request, "portal_root", "") == "/":
        path = f"/{portal.slug}{path}"
    return tag_uri(f"feed:{path}")


def content_language() -> str:
    """The language the content is written in (French), not the visitor's."""
    return (settings.LANGUAGE_CODE or "fr").split("-")[0]


def render(request, fmt: str, spec: FeedSpec) -> bytes:
    feed_class = AtomWithContent if fmt == "atom" else Rss
    feed = feed_class(
        title=spec.title,
        link=spec.link,
        description=spec.description,
        subtitle=spec.description,
        language=content_language(),
        feed_url=request.build_absolute_uri(request.get_full_path()),
        feed_guid=feed_id(request),
        author_name=spec.author or _("Avis de Quartiers"),
        ttl=str(max(1, cache_seconds() // 60)),
    )
    uuids = own_guids(spec.items)
    for item in spec.items:
        html = full_html(request, item)
        enclosures = []
        rendition = image_rendition(item.image)
        if rendition is not None:
            length, mime = file_facts(rendition)
            enclosures.append(
                feedgenerator.Enclosure(
                    public_url(request, rendition.url), length, mime
                )
            )
        title = item.title
        if spec.show_portal and item.portal is not None:
            title = f"{item.title} ({item.portal.name})"
        feed.add_item(
            title=title,
            link=public_url(request, item.url),
            description=html if fmt == "rss" else item.summary or None,
            content=html,
            unique_id=guid(request, item, uuids),
            unique_id_is_permalink=False,
            pubdate=item.published_at,
            updateddate=item.updated_at,
            author_name=item.author or None,
            categories=[c for c in (item.category, *item.tags) if c],
            enclosures=enclosures,
        )
    return feed.writeString("utf-8").encode("utf-8")


def serve(request, fmt: str, build: Callable[[], FeedSpec]) -> HttpResponse:
    """The feed at this address, from the cache or built now.

    ``build`` runs only on a cache miss, and may raise Http404.
    """
    if fmt not in FORMATS:
        raise Http404
    seconds = cache_seconds()
    address = f"{request.get_host()}{request.get_full_path()}"
    # The content's version in the key: a publish shows in the feed at once.
    version = pagecache.content_version()
    key = f"outreach:feed:{version}:{translation.get_language()}:{hashlib.sha256(address.encode()).hexdigest()}"
    content = cache.get(key) if seconds else None
    if content is None:
        content = render(request, fmt, build())
        if seconds:
            cache.set(key, content, seconds)
    content_type = (
        "application/atom+xml; charset=utf-8"
        if fmt == "atom"
        else "application/rss+xml; charset=utf-8"
    )
    response = HttpResponse(content, content_type=content_type)
    patch_cache_control(response, public=True, max_age=seconds)
    patch_vary_headers(response, ["Accept-Language"])
    return response


def portal_spec(request, portal, *, title: str, path: str, description: str, items):
    return FeedSpec(
        title=f"{title} — {portal.name}" if title else portal.name,
        link=portal_url(request, portal, path),
        description=description,
        items=items,
        author=portal.name,
        portal=portal,
    )


# --- outreach's own feeds ---------------------------------------------------


def portal_feed(page, request, fmt: str) -> HttpResponse:
    """/<p>/rss.xml: everything new on the portal."""
    portal = request.portal
    if portal is None:
        raise Http404
    return serve(
        request,
        fmt,
        lambda: portal_spec(
            request,
            portal,
            title="",
            path="",
            description=_("Tout ce qui est nouveau dans le quartier %(name)s.")
            % {"name": portal.name},
            items=latest_of_every_kind(portal),
        ),
    )


def network_feed(request, fmt: str) -> HttpResponse:
    """/rss.xml: everything new in every portal of the network."""
    return serve(
        request,
        fmt,
        lambda: FeedSpec(
            title=_("Avis de Quartiers — tous les quartiers"),
            link=request.build_absolute_uri("/"),
            description=_("Ce qui est nouveau dans tous les quartiers du réseau."),
            items=latest_of_every_kind(None),
            show_portal=True,
        ),
    )


@require_GET
def network_feed_view(request, fmt: str) -> HttpResponse:
    """/rss.xml and /atom.xml: the network's feed, or on a portal's own
    domain that portal's everything-new feed."""
    from .sitemaps import own_domain_portal

    portal = own_domain_portal(request)
    if portal is not None:
        request.portal, request.portal_root = portal, "/"
        return portal_feed(None, request, fmt)
    return network_feed(request, fmt)


def section_feed(page, request, fmt: str) -> HttpResponse:
    """/<p>/<section>/rss.xml for sections whose app has no feed of its own
    (actors, practical info, radio episodes, videos): their kinds' items."""
    portal = request.portal
    section = page.section

    def build() -> FeedSpec:
        items = []
        for kind in registry.content_kinds():
            if kind.section_key == section.key:
                items += items_of(kind.key, visibility.visible(portal, kind))
        return portal_spec(
            request,
            portal,
            title=str(section.title),
            path=f"{section.slug}/",
            description=str(section.summary),
            items=newest(items),
        )

    return serve(request, fmt, build)

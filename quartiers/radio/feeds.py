"""Podcast feeds: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces.

One feed per show (/<p>/radio/<show>/podcast.xml) and one for all the
portal's shows (/<p>/radio/podcast.xml). What podcast apps (Apple Podcasts,
AntennaPod, Pocket Casts) require is there: square artwork of 1400 pixels
at least, category, language, explicit flag, stable GUIDs, enclosures with
their length and type, RFC 2822 dates. Feeds are cached a few minutes and
forgotten as soon as an episode or a show is published or withdrawn.
"""

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.feedgenerator import rfc2822_date
from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

from quartiers.core.sanitize import clean_html
from quartiers.portals import pagecache

from . import artwork, selectors
from .models import ARTWORK_MIN_SIZE

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
for _prefix, _uri in (
    ("itunes", ITUNES),
    ("podcast", PODCAST),
    ("atom", ATOM),
    ("content", CONTENT),
):
    ET.register_namespace(_prefix, _uri)

# Podcasting 2.0: podcast:guid is a UUIDv5 of the feed address in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
CONTENT_TYPE = "application/rss+xml; charset=utf-8"
CACHE_SECONDS = 300


@dataclass
class Channel:
    title: str
    link: str
    self_url: str
    description: str
    language: str
    image_url: str
    category: tuple[str, str]
    explicit: bool
    author: str
    owner_name: str
    owner_email: str
    guid: str
    items: list = field(default_factory=list)
    item_images: bool = False  # each item carries its show's image (portal feed)
    portal: object = None
    show_images: dict = field(default_factory=dict)

    def show_image(self, show, request) -> str:
        if show.pk not in self.show_images:
            self.show_images[show.pk] = show_image_url(show, self.portal, request)
        return self.show_images[show.pk]


def _text(parent, tag: str, content, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if content is not None:
        element.text = str(content)
    return element


def page_url(page, request) -> str:
    """A page's absolute address, on the host the feed was asked from."""
    return request.build_absolute_uri(page.get_url(request) or page.url_path)


def _html(rich_text: str) -> str:
    return clean_html(expand_db_html(rich_text or ""))


def _yes_no(value: bool) -> str:
    return "true" if value else "false"


def podcast_guid_of(feed_url: str) -> uuid.UUID:
    """Podcasting 2.0: the UUIDv5 of the feed address without its scheme
    and trailing slashes."""
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, bare)


def canonical_feed_url(portal, url_path: str) -> str:
    """The permanent address of the podcast feed of the page at ``url_path``
    (a show or the radio section): on the portal's own domain when it has
    one, else under BASE_URL; never the host a request came through."""
    from quartiers.outreach.links import canonical_url

    home = portal.home_page.url_path if portal.home_page_id else ""
    relative = url_path[len(home) :] if home and url_path.startswith(home) else ""
    if not relative:
        relative = url_path.strip("/").split("/", 1)[-1] + "/"
    return canonical_url(portal, f"/{portal.slug}/{relative}podcast.xml")


def new_podcast_guid(page) -> uuid.UUID | None:
    """The guid a show or radio section receives once, when first saved
    (None while the page is not yet in a portal)."""
    from quartiers.portals.selectors import portal_for_page

    if not page.path:
        return None
    portal = portal_for_page(page)
    if portal is None:
        return None
    url_path = page.url_path
    if not url_path or page.pk is None:
        parent = page.get_parent()
        url_path = f"{parent.url_path}{page.slug}/"
    return podcast_guid_of(canonical_feed_url(portal, url_path))


def portal_feed_guid(radio_page, portal) -> str:
    """The all-shows feed's guid: given once (when the section is created,
    or at the first reading of the feed), kept ever after."""
    if not getattr(radio_page, "podcast_guid", None):
        guid = podcast_guid_of(canonical_feed_url(portal, radio_page.url_path))
        type(radio_page).objects.filter(pk=radio_page.pk, podcast_guid=None).update(
            podcast_guid=guid
        )
        radio_page.podcast_guid = (
            type(radio_page)
            .objects.filter(pk=radio_page.pk)
            .values_list("podcast_guid", flat=True)
            .first()
            or guid
        )
    return str(radio_page.podcast_guid)


def show_image_url(show, portal, request) -> str:
    """The show's square image for podcast apps, or the portal's own."""
    image = selectors.show_artwork(show)
    if image is not None and min(image.width, image.height) >= ARTWORK_MIN_SIZE:
        try:
            rendition = image.get_rendition(selectors.FEED_ARTWORK_SPEC)
        except (OSError, ValueError):
            rendition = None
        if rendition is not None:
            return request.build_absolute_uri(rendition.url)
    return request.build_absolute_uri(artwork.portal_artwork_url(portal))


def _item(channel_element, episode, request, channel: Channel) -> None:
    asset = episode.audio
    url = page_url(episode, request)
    item = ET.SubElement(channel_element, "item")
    title = episode.title
    if channel.item_images and episode.show is not None:
        title = f"{episode.show.title} — {episode.title}"
    _text(item, "title", title)
    _text(item, "link", url)
    _text(item, "guid", episode.guid, isPermaLink="false")
    _text(item, "pubDate", rfc2822_date(episode.first_published_at))
    description = _html(episode.description) or episode.title
    _text(item, "description", description)
    _text(item, f"{{{CONTENT}}}encoded", description)
    _text(
        item,
        "enclosure",
        None,
        url=request.build_absolute_uri(asset.audio_url),
        length=asset.audio_length or 0,
        type=asset.mime_type,
    )
    if asset.duration:
        _text(item, f"{{{ITUNES}}}duration", int(round(asset.duration)))
    explicit = episode.explicit or bool(episode.show and episode.show.explicit)
    _text(item, f"{{{ITUNES}}}explicit", _yes_no(explicit))
    _text(item, f"{{{ITUNES}}}episodeType", "full")
    if episode.season_number:
        _text(item, f"{{{ITUNES}}}season", episode.season_number)
    if episode.episode_number:
        _text(item, f"{{{ITUNES}}}episode", episode.episode_number)
    if channel.item_images and episode.show is not None:
        _text(
            item,
            f"{{{ITUNES}}}image",
            None,
            href=channel.show_image(episode.show, request),
        )
    if episode.transcript.strip():
        _text(
            item,
            f"{{{PODCAST}}}transcript",
            None,
            url=f"{url}transcription.vtt",
            type="text/vtt",
            language=episode.show.language if episode.show else channel.language,
        )
    if episode.chapters.all():
        _text(
            item,
            f"{{{PODCAST}}}chapters",
            None,
            url=f"{url}chapitres.json",
            type="application/json+chapters",
        )


def render(channel: Channel, request) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    # The namespaces are declared even when no element uses them yet.
    element = ET.SubElement(rss, "channel")
    _text(
        element,
        f"{{{ATOM}}}link",
        None,
        href=channel.self_url,
        rel="self",
        type="application/rss+xml",
    )
    _text(element, "title", channel.title)
    _text(element, "link", channel.link)
    _text(element, "description", channel.description)
    _text(element, "language", channel.language)
    _text(element, "generator", "Avis de Quartiers")
    if channel.items:
        _text(
            element, "lastBuildDate", rfc2822_date(channel.items[0].first_published_at)
        )
    _text(element, f"{{{ITUNES}}}image", None, href=channel.image_url)
    main, sub = channel.category
    category = _text(element, f"{{{ITUNES}}}category", None, text=main)
    if sub:
        _text(category, f"{{{ITUNES}}}category", None, text=sub)
    _text(element, f"{{{ITUNES}}}explicit", _yes_no(channel.explicit))
    _text(element, f"{{{ITUNES}}}author", channel.author)
    _text(element, f"{{{ITUNES}}}summary", strip_tags(channel.description))
    _text(element, f"{{{ITUNES}}}type", "episodic")
    if channel.owner_email:
        owner = _text(element, f"{{{ITUNES}}}owner", None)
        _text(owner, f"{{{ITUNES}}}name", channel.owner_name)
        _text(owner, f"{{{ITUNES}}}email", channel.owner_email)
    image = _text(element, "image", None)
    _text(image, "url", channel.image_url)
    _text(image, "title", channel.title)
    _text(image, "link", channel.link)
    _text(element, f"{{{PODCAST}}}guid", channel.guid)
    if channel.owner_email:
        _text(element, f"{{{PODCAST}}}locked", "no", owner=channel.owner_email)
    else:
        _text(element, f"{{{PODCAST}}}locked", "no")
    for episode in channel.items:
        _item(element, episode, request, channel)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def show_channel(show, request) -> Channel:
    portal = show.portal
    link = page_url(show, request)
    description = _html(show.presentation) or show.title
    return Channel(
        portal=portal,
        title=show.title,
        link=link,
        self_url=canonical_feed_url(portal, show.url_path),
        description=description,
        language=show.language,
        image_url=show_image_url(show, portal, request),
        category=show.category_parts,
        explicit=show.explicit,
        author=show.hosts or portal.name,
        owner_name=portal.name,
        owner_email=portal.contact_email,
        guid=str(show.podcast_guid),
        items=selectors.feed_episodes(portal, show),
    )


def portal_channel(radio_page, portal, request) -> Channel:
    link = page_url(radio_page, request)
    from django.utils.translation import gettext as _

    return Channel(
        portal=portal,
        title=_("Radio %(name)s — toutes les émissions") % {"name": portal.name},
        link=link,
        self_url=canonical_feed_url(portal, radio_page.url_path),
        description=radio_page.intro
        or _("Toutes les émissions de la radio du quartier %(name)s (%(town)s).")
        % {"name": portal.name, "town": portal.town},
        language="fr",
        image_url=request.build_absolute_uri(artwork.portal_artwork_url(portal)),
        category=("Society & Culture", ""),
        explicit=False,
        author=portal.name,
        owner_name=portal.name,
        owner_email=portal.contact_email,
        guid=portal_feed_guid(radio_page, portal),
        items=selectors.feed_episodes(portal),
        item_images=True,
    )


# Cache --------------------------------------------------------------------


def _version(portal_id: int) -> str:
    key = f"radio:feeds:version:{portal_id}"
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.set(key, version, None)
    return version


def cache_key(portal_id: int, name: str, request) -> str:
    origin = f"{request.scheme}://{request.get_host()}"
    content = pagecache.content_version()
    return f"radio:feed:{portal_id}:{_version(portal_id)}:{content}:{name}:{origin}"


def forget(portal_id: int | None) -> None:
    """Forget every cached feed of the portal (something was published)."""
    if portal_id:
        cache.delete(f"radio:feeds:version:{portal_id}")

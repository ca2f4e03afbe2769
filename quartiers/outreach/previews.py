"""Link previews: what a page tells the sites and apps a link is pasted in
(OpenGraph and Twitter cards for messaging apps and networks, a canonical
address, JSON-LD structured data for search engines).

One include in base.html ({% link_preview %}) draws it for every page from
the template context: the object a page shows (``link_preview_object``, an
event, an ad, or the Wagtail page itself) gives its title, summary, image
and schema.org type; a model may refine it with ``link_preview(request)``
returning a dict of the same keys.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import quote

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from quartiers.portals.exposing import publishable

from .links import canonical_url

IMAGE_SPEC = "fill-1200x630"
IMAGE_FIELDS = ("cover", "photo", "poster", "artwork", "image", "logo")
SUMMARY_FIELDS = (
    "search_description",
    "chapo",
    "summary",
    "description",
    "presentation",
    "intro",
    "plain_text",
)
NETWORK_NAME = "Avis de Quartiers"


@dataclass
class Preview:
    title: str
    description: str
    url: str
    site_name: str
    og_type: str = "website"
    image_url: str = ""
    image_alt: str = ""
    data: list = field(default_factory=list)  # JSON-LD objects

    def json_ld(self) -> str:
        """The JSON-LD, safe inside <script>: no "<", ">" or "&" as such."""
        text = json.dumps(
            self.data[0] if len(self.data) == 1 else self.data, ensure_ascii=False
        )
        return (
            text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        )


def _text(value, limit: int = 200) -> str:
    if value is None:
        return ""
    if hasattr(value, "source"):  # RichText
        value = value.source
    text = " ".join(strip_tags(str(value)).split())
    return Truncator(text).chars(limit)


def _first(obj, names) -> str:
    for name in names:
        value = getattr(obj, name, None)
        if callable(value):
            continue
        text = _text(value)
        if text:
            return text
    return ""


def _image(obj):
    for name in IMAGE_FIELDS:
        if getattr(obj, f"{name}_id", None) is None:
            continue
        image = publishable(getattr(obj, name, None))
        if image is not None:
            return image
    photos = getattr(obj, "photos", None)  # an ad's photos
    if photos is not None and hasattr(photos, "all"):
        first = photos.all().first()
        if first is not None:
            return publishable(first.image)
    return None


def _absolute_path(request, portal) -> str:
    """This page's path under /<slug>/, even on a portal's own domain."""
    path = request.path
    if portal is not None and getattr(request, "portal_root", "") == "/":
        path = f"/{portal.slug}{path}"
    return path


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _object_of(context):
    for name in ("link_preview_object", "oembed_object", "event", "ad", "actor"):
        value = context.get(name)
        if value is not None and not isinstance(value, str | list | dict):
            return value
    return context.get("page")


def _organization(portal, request, url: str, logo_url: str = "") -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": portal.name if portal else NETWORK_NAME,
        "url": url,
    }
    if portal is not None:
        if portal.presentation:
            data["description"] = _text(portal.presentation, 300)
        same_as = [link for _label, link in portal.social_links() if link]
        if same_as:
            data["sameAs"] = same_as
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": portal.town,
            "addressCountry": "FR",
        }
    if logo_url:
        data["logo"] = logo_url
    return data


def _schema(obj, portal, preview: Preview, request) -> dict | None:
    """The schema.org object for what the page shows, or None."""
    label = obj._meta.label if hasattr(obj, "_meta") else ""
    publisher = {"@type": "Organization", "name": preview.site_name}
    base = {"@context": "https://schema.org", "url": preview.url}
    if preview.image_url:
        base["image"] = preview.image_url
    if label == "newsroom.ArticlePage" or label == "blogs.BlogPostPage":
        author = getattr(obj, "author_name", "") or getattr(obj, "signature", "")
        data = {
            **base,
            "@type": "NewsArticle"
            if label == "newsroom.ArticlePage"
            else "BlogPosting",
            "headline": Truncator(preview.title).chars(110),
            "description": preview.description,
            "datePublished": _iso(getattr(obj, "first_published_at", None)),
            "dateModified": _iso(
                getattr(obj, "last_published_at", None)
                or getattr(obj, "first_published_at", None)
            ),
            "publisher": publisher,
            "author": {"@type": "Organization", "name": preview.site_name},
            "inLanguage": "fr",
        }
        if author and isinstance(author, str):
            data["author"] = {"@type": "Person", "name": author}
        return data
    if label == "agenda.Event":
        place = obj.place_label() or preview.site_name
        location = {"@type": "Place", "name": place or preview.site_name}
        address = obj.address_label() if hasattr(obj, "address_label") else ""
        location["address"] = address or (portal.town if portal else "")
        offer = {
            "@type": "Offer",
            "url": preview.url,
            "priceCurrency": "EUR",
            "availability": "https://schema.org/InStock",
        }
        if obj.is_free:
            offer["price"] = "0"
        elif obj.price:
            offer["description"] = obj.price
        data = {
            **base,
            "@type": "Event",
            "name": preview.title,
            "description": preview.description,
            "startDate": _iso(obj.start),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": location,
            "offers": offer,
            "organizer": {"@type": "Organization", "name": preview.site_name},
        }
        if obj.end:
            data["endDate"] = _iso(obj.end)
        return data
    if label == "radio.EpisodePage":
        data = {
            **base,
            "@type": "PodcastEpisode",
            "name": preview.title,
            "description": preview.description,
            "datePublished": _iso(obj.first_published_at),
            "inLanguage": "fr",
        }
        asset = obj.audio if obj.audio_id else None
        if asset is not None and asset.audio_url:
            data["associatedMedia"] = {
                "@type": "MediaObject",
                "contentUrl": request.build_absolute_uri(asset.audio_url),
                "encodingFormat": asset.mime_type,
            }
            if asset.duration:
                data["timeRequired"] = f"PT{int(round(asset.duration))}S"
        if obj.show_id:
            data["partOfSeries"] = {
                "@type": "PodcastSeries",
                "name": obj.show.title,
                "url": canonical_url(portal, obj.show.url) if portal else "",
            }
        return data
    if label == "tv.VideoPage":
        data = {
            **base,
            "@type": "VideoObject",
            "name": preview.title,
            "description": preview.description or preview.title,
            "uploadDate": _iso(obj.first_published_at),
            "thumbnailUrl": preview.image_url,
            "inLanguage": "fr",
        }
        asset = obj.video if obj.video_id else None
        if asset is not None:
            if asset.video_720_url:
                data["contentUrl"] = request.build_absolute_uri(asset.video_720_url)
            if not data["thumbnailUrl"] and asset.poster_url:
                data["thumbnailUrl"] = request.build_absolute_uri(asset.poster_url)
            if asset.duration:
                data["duration"] = f"PT{int(round(asset.duration))}S"
        return data
    return None


def preview_for(context) -> Preview | None:
    request = context.get("request")
    if request is None:
        return None
    portal = context.get("portal") or getattr(request, "portal", None)
    obj = _object_of(context)
    site_name = portal.name if portal is not None else NETWORK_NAME
    url = canonical_url(portal, _absolute_path(request, portal))
    title = ""
    description = ""
    image = None
    if obj is not None:
        title = _first(obj, ("seo_title", "title", "name"))
        description = _first(obj, SUMMARY_FIELDS)
        image = _image(obj)
    if not title:
        title = site_name
    if not description and portal is not None:
        description = _text(portal.presentation)
    if not description:
        description = _(
            "Les médias citoyens des quartiers : chaque quartier a son portail, "
            "écrit par ses habitants."
        )
    preview = Preview(
        title=title, description=description, url=url, site_name=site_name
    )
    if image is not None:
        try:
            rendition = image.get_rendition(IMAGE_SPEC)
        except (OSError, ValueError):
            rendition = None
        if rendition is not None:
            preview.image_url = request.build_absolute_uri(rendition.url)
            preview.image_alt = getattr(image, "default_alt_text", "") or title
    schema = _schema(obj, portal, preview, request) if obj is not None else None
    if schema is not None:
        preview.og_type = (
            "article"
            if schema["@type"] in ("NewsArticle", "BlogPosting")
            else "video.other"
            if schema["@type"] == "VideoObject"
            else "website"
        )
        preview.data.append(schema)
    refine = getattr(obj, "link_preview", None)
    if callable(refine):
        for key, value in (refine(request) or {}).items():
            setattr(preview, key, value)
    is_home = portal is not None and obj is not None and obj == portal.home_page
    if is_home or (portal is None and request.path == "/"):
        preview.data.append(
            _organization(portal, request, url, preview.image_url if portal else "")
        )
    return preview


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """(label, address) of the ways to share a page without any
    third-party script: WhatsApp, SMS, email, Facebook."""
    text = f"{title} {url}"
    return [
        ("WhatsApp", f"https://wa.me/?text={quote(text)}"),
        (_("SMS"), f"sms:?body={quote(text)}"),
        (_("Email"), f"mailto:?subject={quote(title)}&body={quote(text)}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quote(url)}"),
    ]

"""ActivityStreams documents of a portal and of its items.

Items are read as the feature registry exposes them (``ExposedItem``); no
content app is imported. A resident appears only by the display name an item
is published under.
"""

import hashlib
import json
import re
from datetime import datetime

from django.utils.html import escape

from quartiers.core.sanitize import clean_html
from quartiers.portals.exposing import IMAGE_SPEC, publishable
from quartiers.portals.features import ExposedItem

from . import addresses
from .addresses import AS_CONTEXT, AS_PUBLIC, SECURITY_CONTEXT

# The content kinds the fediverse gets, and the type each becomes.
OBJECT_TYPES = {
    "article": "Article",
    "blogpost": "Article",
    "event": "Event",
    "episode": "Audio",
    "video": "Video",
}
MOBILIZON_CONTEXT = {
    "mz": "https://joinmobilizon.org/ns#",
    "ical": "http://www.w3.org/2002/12/cal/ical#",
    "PostalAddress": "http://schema.org/PostalAddress",
    "address": {"@id": "http://schema.org/address", "@type": "@id"},
    "streetAddress": "http://schema.org/streetAddress",
}
CONTEXT = [AS_CONTEXT, SECURITY_CONTEXT, MOBILIZON_CONTEXT]
_ROOT_RELATIVE = re.compile(r'(\s(?:src|href)=")/(?!/)')


def _iso(value) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat()
    return value or None


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return addresses.base_url() + url


def _absolutize_html(html: str) -> str:
    base = addresses.base_url()
    return _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{base}/", html)


def _image(image) -> dict | None:
    image = publishable(image)
    if image is None:
        return None
    try:
        rendition = image.get_rendition(IMAGE_SPEC)
    except (OSError, ValueError):
        return None
    return {
        "type": "Image",
        "url": _absolute(rendition.url),
        "mediaType": "image/jpeg" if rendition.url.endswith(".jpg") else None,
        "name": image.default_alt_text or "",
    }


def actor(portal, *, public_key_pem: str) -> dict:
    """The Group document of a portal (what Mastodon reads to follow it)."""
    document = {
        "@context": [AS_CONTEXT, SECURITY_CONTEXT],
        "id": addresses.actor_id(portal),
        "type": "Group",
        "preferredUsername": portal.slug,
        "name": portal.name,
        "summary": f"<p>{escape(portal.presentation)}</p>"
        if portal.presentation
        else "",
        "url": _absolute(portal.get_absolute_url()),
        "inbox": addresses.inbox(portal),
        "outbox": addresses.outbox(portal),
        "followers": addresses.followers(portal),
        "featured": addresses.featured(portal),
        "endpoints": {"sharedInbox": addresses.shared_inbox()},
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "publicKey": {
            "id": addresses.key_id(portal),
            "owner": addresses.actor_id(portal),
            "publicKeyPem": public_key_pem,
        },
    }
    if portal.mastodon_url:
        # The portal's own account elsewhere, shown as a verified link.
        document["attachment"] = [
            {
                "type": "PropertyValue",
                "name": "Mastodon",
                "value": f'<a href="{escape(portal.mastodon_url)}" rel="me">'
                f"{escape(portal.mastodon_url)}</a>",
            }
        ]
    return document


def to_object(item: ExposedItem) -> dict:
    """The object of one visible item (Article, Event, Audio or Video)."""
    portal = item.portal
    group = addresses.actor_id(portal)
    body = _absolutize_html(clean_html(item.body_html)) if item.body_html else ""
    content = body or (f"<p>{escape(item.summary)}</p>" if item.summary else "")
    if item.author:
        content = f"<p>{escape(item.author)}</p>{content}"
    document: dict = {
        "id": addresses.object_id(item.url),
        "type": OBJECT_TYPES.get(item.kind, "Note"),
        "name": item.title,
        "url": addresses.object_id(item.url),
        "attributedTo": group,
        "audience": group,
        "content": content,
        "mediaType": "text/html",
        "published": _iso(item.published_at),
        "to": [AS_PUBLIC],
        "cc": [addresses.followers(portal)],
    }
    if item.updated_at and item.updated_at != item.published_at:
        document["updated"] = _iso(item.updated_at)
    if item.tags:
        document["tag"] = [
            {"type": "Hashtag", "name": "#" + re.sub(r"\W+", "", tag)}
            for tag in item.tags
            if re.sub(r"\W+", "", tag)
        ]
    image = _image(item.image)
    if image is not None:
        document["image"] = {k: v for k, v in image.items() if v is not None}
    extra = item.extra or {}
    if item.kind == "event":
        document.update(_event_fields(item, extra))
    elif item.kind in ("episode", "video") and extra.get("media_url"):
        link = {
            "type": "Link",
            "href": _absolute(extra["media_url"]),
            "mediaType": extra.get("media_type") or None,
        }
        if extra.get("width"):
            link["width"], link["height"] = extra["width"], extra.get("height")
        document["url"] = [
            {"type": "Link", "mediaType": "text/html", "href": document["url"]},
            {k: v for k, v in link.items() if v is not None},
        ]
        if extra.get("duration"):
            document["duration"] = f"PT{int(extra['duration'])}S"
        if extra.get("poster"):
            document["icon"] = {"type": "Image", "url": _absolute(extra["poster"])}
    return {key: value for key, value in document.items() if value is not None}


def _event_fields(item: ExposedItem, extra: dict) -> dict:
    """Mobilizon's reading of an event: start, end, place, organiser."""
    fields: dict = {
        "startTime": extra.get("start"),
        "endTime": extra.get("end"),
        "mz:timezone": "Europe/Paris",
        "joinMode": "external",
        "ical:status": "CONFIRMED",
        "category": (extra.get("category") or "MEETING").upper(),
        "organizer": {"type": "Organization", "name": item.author}
        if item.author
        else addresses.actor_id(item.portal),
    }
    if extra.get("place") or extra.get("address"):
        fields["location"] = {
            "type": "Place",
            "name": extra.get("place") or extra.get("address"),
            "address": {
                "type": "PostalAddress",
                "streetAddress": extra.get("address") or extra.get("place"),
            },
        }
    return fields


def digest(document: dict) -> str:
    """A stable hash of an object (what changed decides Update or nothing)."""
    stable = {k: v for k, v in document.items() if k != "updated"}
    return hashlib.sha256(json.dumps(stable, sort_keys=True).encode()).hexdigest()


def activity(verb: str, portal, obj, *, activity_id: str, published=None) -> dict:
    document = {
        "@context": CONTEXT,
        "id": activity_id,
        "type": verb,
        "actor": addresses.actor_id(portal),
        "object": obj,
        "to": [AS_PUBLIC],
        "cc": [addresses.followers(portal)],
    }
    if verb == "Announce":
        # FEP-1b12: a group relays to its followers, audience names the group.
        document["audience"] = addresses.actor_id(portal)
    if published is not None:
        document["published"] = _iso(published)
    return document


def tombstone(ap_id: str, kind: str) -> dict:
    return {"id": ap_id, "type": "Tombstone", "formerType": OBJECT_TYPES.get(kind)}


def as_document(obj: dict) -> dict:
    """An object served on its own, with its @context."""
    return {"@context": CONTEXT, **obj}


def group_note(note) -> dict:
    """An animator's answer, as the Group's Note replying to a remote one."""
    portal = note.portal
    author = note.reply.actor
    return {
        "id": addresses.note_id(portal, note.pk),
        "type": "Note",
        "attributedTo": addresses.actor_id(portal),
        "audience": addresses.actor_id(portal),
        "inReplyTo": note.reply.ap_id,
        "content": note.content_html,
        "published": _iso(note.created_at),
        "to": [AS_PUBLIC],
        "cc": [author.uri, addresses.followers(portal)],
        "tag": [{"type": "Mention", "href": author.uri, "name": author.handle}],
    }

"""The permanent addresses of the fediverse side of the install.

Ids are built from the install's BASE_URL, never from a request's Host
header: a remote server keeps them forever, and a portal that moves to its
own domain keeps its followers.
"""

from urllib.parse import urlsplit

from django.conf import settings

AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
SECURITY_CONTEXT = "https://w3id.org/security/v1"
ACTIVITY_JSON = "application/activity+json"
LD_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


def base_url() -> str:
    return (
        getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost"
    ).rstrip("/")


def host() -> str:
    return urlsplit(base_url()).netloc


# Paths without a final slash never meet a Wagtail page (their paths end in "/").
ACTOR_SUFFIX = "fedivers"


def actor_id(portal) -> str:
    return actor_id_for(portal.slug)


def actor_id_for(slug: str) -> str:
    return f"{base_url()}/{slug}/{ACTOR_SUFFIX}"


def key_id(portal) -> str:
    return f"{actor_id(portal)}#main-key"


def inbox(portal) -> str:
    return f"{actor_id(portal)}/inbox"


def shared_inbox() -> str:
    return f"{base_url()}/inbox"


def outbox(portal) -> str:
    return f"{actor_id(portal)}/outbox"


def followers(portal) -> str:
    return f"{actor_id(portal)}/followers"


def featured(portal) -> str:
    return f"{actor_id(portal)}/featured"


def object_id(path: str) -> str:
    """The id of an item: its own page's address under BASE_URL."""
    return base_url() + path


def activity_id(portal, name: str) -> str:
    return f"{actor_id(portal)}/activites/{name}"


def portal_from_actor_id(uri: str) -> str | None:
    """The slug in one of our actor ids, or None."""
    prefix = f"{base_url()}/"
    rest = uri[len(prefix) :] if uri.startswith(prefix) else ""
    slug, _sep, tail = rest.partition("/")
    if not slug or tail.split("#", 1)[0] != ACTOR_SUFFIX:
        return None
    return slug


def note_id(portal, pk: int) -> str:
    return f"{actor_id(portal)}/notes/{pk}"

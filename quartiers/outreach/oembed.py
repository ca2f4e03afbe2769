"""oEmbed (https://oembed.com): paste an article, episode or video address in
a site or a tool, get a small player or card in an <iframe>.

GET /oembed/?url=<address>&format=json|xml&maxwidth=&maxheight=
Unknown address, another host or anything not public: 404. Malformed
request: 400. Another format: 501 (as the specification asks).
"""

from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.apps import apps
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from quartiers.portals import visibility
from quartiers.portals.features import registry
from quartiers.portals.models import Portal

from .links import image_rendition, portal_url, public_url

OEMBED_KINDS = ("article", "episode", "video")
MAX_URL = 2000
CACHE_SECONDS = 3600
# Width and height of the frame, per kind (height for a 16:9 video is computed).
DEFAULT_WIDTH = 560
HEIGHTS = {"article": 420, "episode": 240}


class BadRequest(Exception):
    pass


def _dimension(value, name: str) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not text.isdigit() or len(text) > 5 or int(text) < 1:
        raise BadRequest(
            _("« %(name)s » doit être un nombre entier positif.") % {"name": name}
        )
    return int(text)


def portal_and_path(request, url: str) -> tuple[Portal, str]:
    """The portal an address of this install belongs to, and the address
    relative to the portal's home ("journal/mon-article/")."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise BadRequest(_("Cette adresse est mal formée.")) from None
    if parts.scheme not in ("http", "https") or not host:
        raise BadRequest(_("Donnez une adresse complète, en http ou https."))
    netloc = f"{host}:{port}" if port else host
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    site = Site.objects.filter(hostname=host).first()
    if site is not None and not site.is_default_site:
        # A portal's own domain: its home is the root of the site.
        portal = (
            Portal.objects.filter(home_page_id=site.root_page_id)
            .select_related("home_page")
            .first()
        )
        if portal is None:
            raise Http404
        return portal, path.lstrip("/")
    if site is None and netloc != request.get_host().lower():
        raise Http404  # another site's address
    first, _slash, rest = path.lstrip("/").partition("/")
    portal = (
        Portal.objects.filter(slug=first.lower()).select_related("home_page").first()
    )
    if portal is None:
        raise Http404
    return portal, rest


def _page_kinds() -> dict:
    """{page model: kind} for the embeddable kinds that are pages."""
    found = {}
    for key in OEMBED_KINDS:
        kind = registry.content_kind(key)
        if kind is None:
            continue
        try:
            model = apps.get_model(kind.model)
        except LookupError:
            continue
        found[model] = kind
    return found


def find_item(portal: Portal, rest: str):
    """The public item at this address of the portal, or None.

    Pages are found by their place in the tree; an item a section serves
    through a route is found from the route's arguments, and kept only if
    its own address is the one asked for.
    """
    home = portal.home_page
    if home is None:
        return None
    target = f"{home.url_path}{rest}"
    segments = [part for part in rest.split("/") if part]
    candidates = [home.url_path] + [
        home.url_path + "/".join(segments[: n + 1]) + "/" for n in range(len(segments))
    ]
    deepest = (
        Page.objects.filter(url_path__in=candidates, path__startswith=home.path)
        .order_by("-depth")
        .first()
    )
    if deepest is None:
        return None
    kinds = _page_kinds()
    if deepest.url_path == target:
        model = deepest.specific_class
        kind = kinds.get(model)
        if kind is None or not portal.section_enabled(kind.section_key):
            return None
        row = visibility.visible(portal, kind).filter(pk=deepest.pk).first()
        return (kind, kind.to_item(row)) if row is not None else None
    return _routed_item(portal, deepest, target, kinds)


def _routed_item(portal, page, target: str, kinds: dict):
    specific = page.specific
    if not isinstance(specific, RoutablePageMixin):
        return None
    try:
        _view, args, kwargs = specific.resolve_subpage(
            "/" + target[len(page.url_path) :]
        )
    except Http404:
        return None
    wanted = "/" + f"{portal.slug}/{target[len(portal.home_page.url_path) :]}"
    lookups = [{"slug": v} for k, v in kwargs.items() if "slug" in k]
    lookups += [
        {"pk": v} for k, v in kwargs.items() if k in ("pk", "id") or k.endswith("_id")
    ]
    for kind in kinds.values():
        if not portal.section_enabled(kind.section_key):
            continue
        for lookup in lookups:
            try:
                row = visibility.visible(portal, kind).filter(**lookup).first()
            except (ValueError, TypeError):
                continue
            if row is not None:
                item = kind.to_item(row)
                if item.url == wanted:
                    return kind, item
    return None


def _size(kind_key: str, item, maxwidth, maxheight) -> tuple[int, int]:
    """The frame's size: our default, never above what the consumer allows
    (oEmbed: maxwidth and maxheight are limits, however small)."""
    width = DEFAULT_WIDTH if maxwidth is None else min(DEFAULT_WIDTH, maxwidth)
    if kind_key == "video":
        height = round(width * 9 / 16) + 64
    else:
        height = HEIGHTS.get(kind_key, 420)
    if maxheight is not None:
        height = min(height, maxheight)
    return width, height


def _thumbnail(request, kind_key: str, item) -> tuple[str, int, int] | None:
    """(address, width, height) of a picture for the item: its image; for a
    video its poster; else, for sounds and videos, the portal's artwork."""
    rendition = image_rendition(item.image)
    if rendition is not None:
        return public_url(request, rendition.url), rendition.width, rendition.height
    if kind_key == "video" and item.extra.get("poster"):
        # The poster is a frame of the 720p rendering, at the video's ratio.
        width, height = item.extra.get("width"), item.extra.get("height")
        if width and height:
            thumb_height = 720
            thumb_width = round(720 * width / height)
        else:
            thumb_width, thumb_height = 1280, 720
        return public_url(request, item.extra["poster"]), thumb_width, thumb_height
    if kind_key in ("episode", "video"):
        # The portal's own square picture (its name on its colours).
        from quartiers.radio import artwork

        url = artwork.portal_artwork_url(item.portal)
        return public_url(request, url), artwork.SIZE, artwork.SIZE
    return None


def payload(request, kind, item, *, maxwidth=None, maxheight=None) -> dict:
    width, height = _size(kind.key, item, maxwidth, maxheight)
    src = portal_url(request, item.portal, f"widgets/contenu/{kind.key}/{item.id}/")
    html = format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
        'style="border:0;max-width:100%" allow="fullscreen"></iframe>',
        src,
        item.title,
        width,
        height,
    )
    data = {
        "version": "1.0",
        "type": "video" if kind.key == "video" else "rich",
        "title": item.title,
        "provider_name": f"{item.portal.name} — Avis de Quartiers",
        "provider_url": portal_url(request, item.portal),
        "cache_age": CACHE_SECONDS,
        "html": str(html),
        "width": width,
        "height": height,
    }
    if item.author:
        data["author_name"] = item.author
    thumbnail = _thumbnail(request, kind.key, item)
    if thumbnail is not None:
        url, thumb_width, thumb_height = thumbnail
        data["thumbnail_url"] = url
        data["thumbnail_width"] = thumb_width
        data["thumbnail_height"] = thumb_height
    return data


def _xml(data: dict) -> str:
    rows = "".join(
        f"<{key}>{escape(str(value))}</{key}>" for key, value in data.items()
    )
    return f'<?xml version="1.0" encoding="utf-8" standalone="yes"?><oembed>{rows}</oembed>'


def _error(status: int, message: str) -> HttpResponse:
    response = HttpResponse(
        message, status=status, content_type="text/plain; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def oembed(request):
    fmt = request.GET.get("format") or "json"
    if fmt not in ("json", "xml"):
        return _error(501, _("Seuls les formats json et xml sont proposés."))
    url = (request.GET.get("url") or "").strip()
    if not url:
        return _error(400, _("Indiquez l'adresse à intégrer (paramètre url)."))
    if len(url) > MAX_URL:
        return _error(400, _("Cette adresse est trop longue."))
    try:
        maxwidth = _dimension(request.GET.get("maxwidth"), "maxwidth")
        maxheight = _dimension(request.GET.get("maxheight"), "maxheight")
        portal, rest = portal_and_path(request, url)
        found = find_item(portal, rest)
    except BadRequest as error:
        return _error(400, str(error))
    except Http404:
        found = None
    if found is None:
        return _error(404, _("Rien à intégrer à cette adresse."))
    kind, item = found
    data = payload(request, kind, item, maxwidth=maxwidth, maxheight=maxheight)
    if fmt == "xml":
        response = HttpResponse(_xml(data), content_type="text/xml; charset=utf-8")
    else:
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response

"""Public addresses of converted sound and video, and their status.

``/medias/<uid>/...`` is shared by every portal: the uid is random, and only
a READY asset's published files answer, open to players on other sites
(CORS, serving.serve_file with ``public=True``); anything else is a 404,
like a missing file. The original, the status and the retry button are for the
animators of the asset's portal (and, except for retrying, its sender).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from quartiers.portals import access

from . import media, media_services, processing
from .models import MediaAsset
from .serving import serve_file

SAFE = require_http_methods(["GET", "HEAD"])
HLS_TYPE = "application/vnd.apple.mpegurl"


def _asset(uid) -> MediaAsset:
    try:
        return MediaAsset.objects.select_related("portal").get(uid=uid)
    except (MediaAsset.DoesNotExist, ValueError):
        raise Http404 from None


def _ready_asset(uid) -> MediaAsset:
    asset = _asset(uid)
    if asset.status != MediaAsset.READY:
        raise Http404
    return asset


def _serve_field(request, asset, field, content_type, *, download=False):
    if not field:
        raise Http404
    download_name = ""
    if download and request.GET.get("telecharger"):
        download_name = _download_name(asset, field.name)
    try:
        return serve_file(
            request,
            field.storage,
            field.name,
            public=True,  # a ready asset's published files
            content_type=content_type,
            download_name=download_name,
        )
    except (FileNotFoundError, OSError):
        raise Http404 from None


def _download_name(asset: MediaAsset, stored_name: str) -> str:
    extension = stored_name.rsplit(".", 1)[-1]
    base = str(asset.title or asset.portal.name).strip() or "media"
    return f"{base[:80]}.{extension}"


def _file_view(field_name: str, content_type: str):
    """A view that serves one processed file of a ready asset, as a
    download when asked (``?telecharger=1``)."""

    @SAFE
    def view(request, uid):
        asset = _ready_asset(uid)
        return _serve_field(
            request, asset, getattr(asset, field_name), content_type, download=True
        )

    view.__name__ = field_name
    return view


audio = _file_view("audio_file", "audio/mpeg")
video_720 = _file_view("video_720", "video/mp4")
video_360 = _file_view("video_360", "video/mp4")


@SAFE
def poster(request, uid):
    asset = _ready_asset(uid)
    return _serve_field(request, asset, asset.poster, "image/jpeg")


@SAFE
def hls_master(request, uid):
    asset = _ready_asset(uid)
    if not asset.hls_playlist:
        raise Http404
    return _serve_name(request, asset, asset.hls_playlist, HLS_TYPE)


@SAFE
def hls_file(request, uid, variant, name):
    asset = _ready_asset(uid)
    variants = {row[0] for row in processing.LADDER}
    if not asset.hls_playlist or variant not in variants:
        raise Http404
    if not processing.HLS_NAME.match(name):
        raise Http404
    folder = asset.hls_playlist.rsplit("/", 1)[0]
    content_type = HLS_TYPE if name.endswith(".m3u8") else "video/mp2t"
    return _serve_name(request, asset, f"{folder}/{variant}/{name}", content_type)


def _serve_name(request, asset, name, content_type):
    try:
        return serve_file(
            request,
            asset.original.storage,
            name,
            public=True,  # a ready asset's published files
            content_type=content_type,
        )
    except (FileNotFoundError, OSError):
        raise Http404 from None


def _may_follow(user, asset: MediaAsset) -> bool:
    """The sender of the file, or an animator of its portal."""
    if not user.is_authenticated:
        return False
    if asset.created_by_id and asset.created_by_id == user.pk:
        return True
    return access.can_animate(user, asset.portal)


@SAFE
def original(request, uid):
    asset = _asset(uid)
    if not _may_follow(request.user, asset) or not asset.original:
        raise Http404
    content_type = _original_type(asset.original.name)
    try:
        return serve_file(
            request,
            asset.original.storage,
            asset.original.name,
            public=False,
            content_type=content_type,
            cache_control="private, no-store",
            download_name=asset.original_name or "original",
        )
    except (FileNotFoundError, OSError):
        raise Http404 from None


def _original_type(name: str) -> str:
    types = {
        "mp3": "audio/mpeg",
        "m4a": "audio/mp4",
        "wav": "audio/wav",
        "ogg": "audio/ogg",
        "opus": "audio/ogg",
        "flac": "audio/flac",
        "webm": "video/webm",
        "mp4": "video/mp4",
        "mov": "video/quicktime",
        "mkv": "video/x-matroska",
    }
    return types.get(media.extension_of(name), "application/octet-stream")


def status_context(asset: MediaAsset, *, can_retry: bool = False) -> dict:
    return {
        "asset": asset,
        "can_retry": can_retry and media_services.can_retry(asset),
    }


@never_cache
@SAFE
def status(request, uid):
    """The state of a conversion, polled by media_status.js."""
    asset = _asset(uid)
    can_retry = access.can_animate(request.user, asset.portal)
    is_sender = request.user.is_authenticated and asset.created_by_id == request.user.pk
    if not (can_retry or is_sender):
        raise Http404
    return JsonResponse(
        {
            "status": asset.status,
            "label": capfirst(asset.get_status_display()),
            "progress": asset.progress,
            "ready": asset.is_ready,
            "failure_reason": asset.failure_reason
            if asset.status == MediaAsset.FAILED
            else "",
            "urls": {
                "audio": asset.audio_url,
                "video_720": asset.video_720_url,
                "video_360": asset.video_360_url,
                "poster": asset.poster_url,
                "hls": asset.hls_url,
            },
            "html": render_to_string(
                "uploads/media_status_body.html",
                {
                    **status_context(asset, can_retry=can_retry),
                    # The polling page, for its "Actualiser" link.
                    "page_url": _page_url(request) or "#",
                },
                request=request,
            ),
        }
    )


def _page_url(request) -> str:
    """The page that polls (for its "Actualiser" link): a local path only."""
    page = request.GET.get("page", "")
    if page.startswith("/") and not page.startswith("//") and "\\" not in page:
        return page[:2000]
    return ""


def _next_url(request, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if "\\" in candidate:
        return fallback
    if candidate and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return fallback


@never_cache
@require_http_methods(["GET", "POST"])
def retry(request, uid):
    """Ask for a new conversion (animators of the asset's portal)."""
    asset = _asset(uid)
    if not access.can_animate(request.user, asset.portal):
        raise Http404
    next_url = _next_url(request, "")
    if request.method == "POST":
        try:
            asset = media_services.media_asset_retry(
                portal=asset.portal, actor=request.user, asset_id=asset.pk
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("C'est relancé : la préparation reprend dans un instant."),
            )
        return HttpResponseRedirect(next_url or asset.retry_url)
    return render(
        request,
        "uploads/media_retry.html",
        {**status_context(asset, can_retry=True), "next": next_url},
    )

"""Answering for a stored file: never as a page of our site.

Every file someone sent us is answered with ``nosniff`` and a sandboxing
Content-Security-Policy, so that even an HTML or SVG file that slipped
through is not a page of our origin: its scripts cannot run, cannot read our
cookies or a CSRF token. Only what we produced ourselves (re-encoded photos,
converted sound and video) is shown inline; everything else is a download.

Private files (originals, documents, residents' proposals, converted media
before publication) are not under a public address at all: the web server
hands them out only when the application says yes, through an internal
redirect (``X-Accel-Redirect``, setting QUARTIERS_MEDIA_ACCEL_REDIRECT).

Public files (what anyone may read at their address: resized photos, a
document outside any restricted collection, converted sound and video once
published) are open to every site (``allow_every_origin``): players, feed
readers and podcast web apps on other origins read them, captions and
playlists included. Private files never get that header.

Players seek in a show or a video by asking for a part of the file
(``Range: bytes=1000-``); phones and podcast apps send HEAD first. A Range
header we do not understand is ignored (the whole file is sent), as the
HTTP specification allows; a range past the end answers 416.
"""

import mimetypes
import os
import posixpath
import re
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import (
    content_disposition_header,
    http_date,
    parse_http_date_safe,
    quote_etag,
)
from django.views.decorators.http import require_http_methods
from django.views.static import serve as static_serve

CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")

# Sent with every stored file: the browser never guesses a type, and a file
# opened as a page gets a unique origin with no script, form or plugin.
SANDBOX_CSP = "sandbox; default-src 'none'"
# Types we produce ourselves (Pillow, ffmpeg): shown inline, for <img>,
# <audio>, <video> and <track>. Anything else is a download.
INLINE_TYPES = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/avif",
        "audio/mpeg",
        "audio/mp4",
        "audio/ogg",
        "audio/wav",
        "audio/flac",
        "video/mp4",
        "video/webm",
        "video/mp2t",
        "text/vtt",
        "application/vnd.apple.mpegurl",
    }
)


EVERY_ORIGIN = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Content-Length, Content-Range, Accept-Ranges",
}


def allow_every_origin(response):
    """CORS for a public file: any site's script may read it (hls.js, a
    web podcast player, a <track> on a partner's page). Browsers send no
    cookie with such a request, so this never opens anything private; it
    is still only given to public files."""
    for header, value in EVERY_ORIGIN.items():
        response[header] = value
    return response


def protect(response, *, attachment: bool | None = None, filename: str = ""):
    """Add the headers every stored file carries; decide inline or download.

    ``attachment=None`` decides from the response's type (INLINE_TYPES).
    """
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    content_type = (response.get("Content-Type") or "").split(";")[0].strip().lower()
    if attachment is None:
        attachment = content_type not in INLINE_TYPES
    if attachment:
        response["Content-Disposition"] = content_disposition_header(
            True, filename or "fichier"
        )
    return response


def public_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "QUARTIERS_PUBLIC_MEDIA_PREFIXES", ()))


def is_public_name(name: str) -> bool:
    """Whether a stored name may be read by anyone at MEDIA_URL + name.

    Only folders of files we made ourselves are public (resized photos,
    re-encoded profile photos); originals, documents, sounds and videos
    are answered by the application, which checks who asks.
    """
    clean = posixpath.normpath(name.replace("\\", "/")).lstrip("/")
    if clean.startswith("..") or clean != name.lstrip("/"):
        return False
    return clean.startswith(public_prefixes())


@require_http_methods(["GET", "HEAD"])
def public_media(request, path: str):
    """MEDIA_URL for ``make run`` and tests, with the rules of deploy/nginx.conf."""
    if not is_public_name(path):
        raise Http404
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    return allow_every_origin(protect(response, filename=os.path.basename(path)))


def accel_prefix() -> str:
    return getattr(settings, "QUARTIERS_MEDIA_ACCEL_REDIRECT", "") or ""


def _accel_response(storage, name: str, headers: dict, content_type: str):
    """Let the web server send a local file the application allowed."""
    location = getattr(storage, "location", None)
    media_root = os.path.realpath(settings.MEDIA_ROOT)
    if location is None or os.path.realpath(location) != media_root:
        return None
    response = HttpResponse(content_type=content_type, headers=headers)
    response["X-Accel-Redirect"] = accel_prefix().rstrip("/") + "/" + quote(name)
    return response


def sendfile(request, filename, **kwargs):
    """Backend for Wagtail's document view (setting SENDFILE_BACKEND).

    Behind nginx the file goes out through an internal redirect; otherwise
    the application streams it.
    """
    from wagtail.utils import sendfile_streaming_backend

    media_root = os.path.realpath(settings.MEDIA_ROOT)
    real = os.path.realpath(filename)
    if accel_prefix() and real.startswith(media_root + os.sep):
        name = os.path.relpath(real, media_root).replace(os.sep, "/")
        response = HttpResponse(content_type=kwargs.get("mimetype"))
        response["X-Accel-Redirect"] = accel_prefix().rstrip("/") + "/" + quote(name)
        return response
    return sendfile_streaming_backend.sendfile(request, filename, **kwargs)


def guess_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


class Unsatisfiable(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte for one "bytes=" range, None to send everything.

    Raises Unsatisfiable for a well-formed range that starts past the end.
    Several ranges at once are answered with the whole file.
    """
    match = RANGE.match(header.strip().replace(" ", ""))
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if len(first) > 18 or len(last) > 18:  # absurd numbers: ignore
        return None
    if not first:
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - suffix), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None  # invalid: ignored
    if start >= size:
        raise Unsatisfiable
    return start, min(end, size - 1)


def _read(handle, start: int, length: int):
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def _not_modified(request, etag: str, modified) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or (
            if_none_match.strip() == "*"
        )
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return bool(modified and since and int(modified.timestamp()) <= since)


def _range_applies(request, etag: str, modified) -> bool:
    """If-Range: the range only holds for the same version of the file."""
    if_range = request.headers.get("If-Range")
    if not if_range:
        return True
    if if_range.strip().startswith(('"', "W/")):
        return if_range.strip() == etag
    since = parse_http_date_safe(if_range)
    return bool(modified and since and int(modified.timestamp()) == since)


def serve_file(
    request,
    storage,
    name: str,
    *,
    public: bool,
    content_type: str,
    cache_control: str = "public, max-age=86400",
    download_name: str = "",
    attachment: bool | None = None,
):
    """A 200, 206, 304 or 416 answer for one stored file (GET and HEAD).

    ``public``: whether anyone may read the file at this address now (a
    published sound, a ready video); every caller says it, and every answer
    for a public file (the web server's internal redirect included) is then
    open to other sites (``allow_every_origin``), never one for a private
    file. ``download_name`` (or a type we did not produce) makes it a
    download; the protective headers go with every answer (see ``protect``).
    """
    size = storage.size(name)
    try:
        modified = storage.get_modified_time(name)
    except (NotImplementedError, OSError):
        modified = None
    stamp = int(modified.timestamp()) if modified else 0
    etag = quote_etag(f"{size:x}-{stamp:x}")

    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Cache-Control": cache_control,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": SANDBOX_CSP,
    }
    if modified:
        headers["Last-Modified"] = http_date(stamp)
    if public:
        headers.update(EVERY_ORIGIN)
    if attachment is None:
        attachment = bool(download_name) or content_type not in INLINE_TYPES
    if attachment:
        headers["Content-Disposition"] = content_disposition_header(
            True, download_name or os.path.basename(name) or "fichier"
        )
    if _not_modified(request, etag, modified):
        return HttpResponse(status=304, headers=headers)
    if accel_prefix() and request.method == "GET":
        response = _accel_response(storage, name, headers, content_type)
        if response is not None:
            return response

    status, start, length = 200, 0, size
    header = request.headers.get("Range")
    if header and _range_applies(request, etag, modified):
        try:
            span = parse_range(header, size)
        except Unsatisfiable:
            headers["Content-Range"] = f"bytes */{size}"
            response = HttpResponse(status=416, headers=headers)
            response["Content-Length"] = "0"
            return response
        if span is not None:
            start, end = span
            status, length = 206, end - start + 1
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"

    if request.method == "HEAD":
        response = HttpResponse(
            status=status, content_type=content_type, headers=headers
        )
    else:
        handle = storage.open(name, "rb")
        response = StreamingHttpResponse(
            _read(handle, start, length),
            status=status,
            content_type=content_type,
            headers=headers,
        )
    response["Content-Length"] = str(length)
    return response

"""Answering for a stored file with HEAD and byte ranges.

Players seek in a show or a video by asking for a part of the file
(``Range: bytes=1000-``); phones and podcast apps send HEAD first. A Range
header we do not understand is ignored (the whole file is sent), as the
HTTP specification allows; a range past the end answers 416.
"""

import re

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import http_date, parse_http_date_safe, quote_etag

CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")


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
    content_type: str,
    cache_control: str = "public, max-age=86400",
    download_name: str = "",
):
    """A 200, 206, 304 or 416 answer for one stored file (GET and HEAD)."""
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
    }
    if modified:
        headers["Last-Modified"] = http_date(stamp)
    if download_name:
        from django.utils.http import content_disposition_header

        headers["Content-Disposition"] = content_disposition_header(True, download_name)
    if _not_modified(request, etag, modified):
        return HttpResponse(status=304, headers=headers)

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

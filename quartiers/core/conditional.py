"""Conditional GET and HEAD for every page, feed, podcast and calendar.

Podcast apps, feed readers and calendars poll the same addresses again and
again: each answer carries an ``ETag`` (a digest of its content, unless the
view set its own) and a client that sends it back (``If-None-Match``, or
``If-Modified-Since`` where the view gave a ``Last-Modified``) gets
``304 Not Modified`` without the body.

Feeds, podcasts, calendars and sitemaps (``POLLED_TYPES``) also carry a
``Last-Modified``: the time their content, as answered at this address,
was first seen (``first_seen``), so that a client sending only
``If-Modified-Since`` gets 304 as long as nothing changed, whichever worker
answers, and a changed feed always carries a later date than the one before.

HEAD answers wherever GET does, with the same status and headers and no
body: ``HeadAsGetMiddleware`` asks the page cache and the views with GET (so
a view that declares only GET answers, and a HEAD gets exactly what the page
cache gives a GET), and ``ConditionalGetMiddleware`` removes the body.

Place ``ConditionalGetMiddleware`` before ``AudienceMiddleware`` (a page read
again from the browser's cache after a 304 still counts as a view; pages
served from the page cache get their validators too) and
``HeadAsGetMiddleware`` after it (a HEAD is not a view). Streaming answers
(files, already handling ranges and 304 in ``uploads/serving.py``) keep their
own validators.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

# Documents that clients poll and compare by date.
POLLED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "text/calendar",
    "application/xml",
)
# How long the first-seen time of one version of a document is kept (an
# expired entry only costs a client one full answer).
FIRST_SEEN_SECONDS = 30 * 24 * 3600
CORS_HEADERS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
)


def _store():
    """The cache every worker shares (the page cache's versions live there)."""
    return caches["shared" if "shared" in settings.CACHES else "default"]


def first_seen(address: str, etag: str) -> int:
    """When this version (``etag``) of the document at ``address`` was first
    answered, in seconds since the epoch; a new version is dated after every
    earlier one of the address (one second at least), so If-Modified-Since
    never mistakes it for an old one."""
    digest = hashlib.sha256(address.encode()).hexdigest()
    version_key = f"conditional:seen:{digest}:{etag}"
    latest_key = f"conditional:latest:{digest}"
    store = _store()
    try:
        known = store.get(version_key)
        if known is not None:
            return int(known)
        latest = int(store.get(latest_key) or 0)
        stamp = max(int(time.time()), latest + 1)
        if store.add(version_key, stamp, FIRST_SEEN_SECONDS):
            store.set(latest_key, stamp, FIRST_SEEN_SECONDS)
            return stamp
        return int(store.get(version_key) or stamp)  # another worker was first
    except Exception:  # a cache that is down: no date, never an error
        logger.warning("conditional: first-seen time unavailable", exc_info=True)
        return 0


def _is_polled(response) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return (
        response.status_code == 200
        and not response.streaming
        and content_type in POLLED_TYPES
        and not response.has_header("Last-Modified")
    )


def _date_polled(request, response) -> None:
    if not (_is_polled(response) and response.has_header("ETag")):
        return
    language = getattr(request, "LANGUAGE_CODE", "")
    address = f"{request.get_host()}{request.get_full_path()}|{language}"
    stamp = first_seen(address, response["ETag"])
    if stamp:
        response["Last-Modified"] = http_date(stamp)


def _may_have_etag(response) -> bool:
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    return all(d.strip().lower() != "no-store" for d in directives)


class ConditionalGetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        head = request.method == "HEAD"
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if (
            not response.streaming
            and not response.has_header("ETag")
            and (response.content or not head)
            and _may_have_etag(response)
        ):
            set_response_etag(response)
        _date_polled(request, response)
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag or last_modified:
            full = response
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
            if response is not full:
                # A 304 to a script of another site must still be readable.
                for name in CORS_HEADERS:
                    if full.has_header(name):
                        response[name] = full[name]
        if head:
            response = _without_body(response)
        return response


def _without_body(response):
    if response.streaming:
        headless = HttpResponse(status=response.status_code)
        for name, value in response.items():
            headless[name] = value
        headless.cookies = response.cookies
        # Release the open file without response.close(): that one also
        # sends request_finished, which closes the database connection in
        # the middle of the request (PostgreSQL then answered 503).
        for closer in response._resource_closers:
            closer()
        response._resource_closers.clear()
        return headless
    if response.content:
        length = str(len(response.content))
        response.content = b""
        response["Content-Length"] = length
    return response


class HeadAsGetMiddleware:
    """HEAD is drawn (or read from the page cache) as GET; the body goes in
    ConditionalGetMiddleware, after the ETag is computed from it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            return self.get_response(request)
        finally:
            request.method = "HEAD"

"""Conditional GET and HEAD for every page, feed, podcast and calendar.

Podcast apps, feed readers and calendars poll the same addresses again and
again: each answer carries an ``ETag`` (a digest of its content, unless the
view set its own) and a client that sends it back (``If-None-Match``, or
``If-Modified-Since`` where the view gave a ``Last-Modified``) gets
``304 Not Modified`` without the body.

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

from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe


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
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag or last_modified:
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
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

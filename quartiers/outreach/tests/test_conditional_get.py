"""Conditional GET and HEAD on every public address of a portal.

Podcast apps, feed readers and calendars poll: a client that sends back the
ETag it got (If-None-Match) gets 304 and no body, whether the page was drawn
or came from the page cache; HEAD answers wherever GET does, with the same
status and headers and no body.
"""

import pytest

from .test_page_cache import every_kind, public_urls  # noqa: F401

pytestmark = [
    pytest.mark.urls("quartiers.outreach.tests.urls"),
    pytest.mark.usefixtures("every_kind"),
]

# Feeds, podcasts and calendars beside the pages public_urls() lists.
POLLED = [
    "/rss.xml",
    "/atom.xml",
    "/sitemap.xml",
    "/robots.txt",
    "/alpha/agenda.ics",
    "/alpha/radio/podcast.xml",
    "/alpha/sitemap.xml",
]
# Headers a HEAD must repeat exactly.
SAME = ("ETag", "Content-Type", "Cache-Control", "Vary", "Last-Modified")


@pytest.fixture(params=[0, 60], ids=["drawn", "page-cache"])
def page_cache(request, settings):
    settings.QUARTIERS_PAGE_CACHE_SECONDS = request.param
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0


def _urls(portal):
    # A widget without its required choice answers 400 (test_page_cache.py).
    return [u for u in public_urls(portal) if "/widgets/" not in u] + POLLED


def test_a_second_poll_with_the_etag_gets_304_without_body(
    client, portal_a, page_cache
):
    for url in _urls(portal_a):
        first = client.get(url)
        assert first.status_code == 200, url
        etag = first.headers.get("ETag")
        assert etag, f"{url} sends no ETag"
        if b"csrfmiddlewaretoken" in first.content:
            # A form (an ad's contact form): its token changes at each
            # drawing, so does the page; it is never the same twice.
            assert first.content != client.get(url).content
            continue
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.content == b"", url
        assert again.headers.get("ETag") == etag, url
        if first.headers.get("Last-Modified"):
            since = client.get(
                url, headers={"If-Modified-Since": first.headers["Last-Modified"]}
            )
            assert since.status_code == 304, url


def test_a_changed_etag_gets_the_whole_answer(client, portal_a):
    for url in _urls(portal_a):
        response = client.get(url, headers={"If-None-Match": '"autre-version"'})
        assert response.status_code == 200, url
        assert response.content, url


def test_head_answers_wherever_get_does_with_the_same_headers(
    client, portal_a, page_cache
):
    for url in _urls(portal_a):
        got = client.get(url)
        head = client.head(url)
        assert head.status_code == got.status_code == 200, url
        assert head.content == b"", url
        for name in SAME:
            if name == "ETag" and b"csrfmiddlewaretoken" in got.content:
                continue
            assert head.headers.get(name) == got.headers.get(name), (url, name)
        if b"csrfmiddlewaretoken" in got.content:
            continue  # drawn anew each time (see above)
        etag = got.headers["ETag"]
        assert client.head(url, headers={"If-None-Match": etag}).status_code == 304

"""Feeds, podcasts and calendars carry Last-Modified; a poll that sends it
back (If-Modified-Since) gets 304 until the content changes.

Many feed readers and podcast apps only send If-Modified-Since; calendar
apps often send If-None-Match. Both work on every kind of feed, whichever
worker answers, and a change always comes with a later date.
"""

import time

import pytest
from django.utils.http import http_date, parse_http_date

from quartiers.core import conditional

from .test_page_cache import every_kind  # noqa: F401

pytestmark = [
    pytest.mark.urls("quartiers.outreach.tests.urls"),
    pytest.mark.usefixtures("every_kind"),
]

FEEDS = {
    "network RSS": "/rss.xml",
    "network Atom": "/atom.xml",
    "portal RSS": "/alpha/rss.xml",
    "portal Atom": "/alpha/atom.xml",
    "journal RSS": "/alpha/journal/rss.xml",
    "agenda RSS": "/alpha/agenda/rss.xml",
    "ads Atom": "/alpha/annonces/atom.xml",
    "podcast": "/alpha/radio/podcast.xml",
    "calendar": "/alpha/agenda.ics",
    "sitemap": "/alpha/sitemap.xml",
}


@pytest.fixture(autouse=True)
def _fresh_feeds(settings):
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0


@pytest.mark.parametrize("url", FEEDS.values(), ids=FEEDS.keys())
def test_a_poll_with_the_date_gets_304_until_the_content_changes(
    client, portal_a, build, url
):
    first = client.get(url)
    assert first.status_code == 200, url
    modified = first["Last-Modified"]
    assert parse_http_date(modified) <= time.time() + 1
    assert first["ETag"]

    # Asked again, by date or by tag: nothing changed, nothing sent.
    again = client.get(url, headers={"If-Modified-Since": modified})
    assert again.status_code == 304
    assert again.content == b""
    assert again["Last-Modified"] == modified
    tagged = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert tagged.status_code == 304
    assert client.get(url)["Last-Modified"] == modified  # the same date each time

    # Something new is published: the next poll gets it, with a later date.
    build.article(portal_a, title="Nouveau : la fresque du préau est finie")
    build.event(portal_a, title="Nouveau : vernissage de la fresque")
    build.episode(portal_a, title="Nouveau : les peintres racontent")
    build.ad(portal_a, title="Nouveau : pinceaux à donner")
    changed = client.get(url, headers={"If-Modified-Since": modified})
    assert changed.status_code == 200, url
    assert changed.content != first.content
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(modified)
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_an_older_date_gets_the_whole_feed(client):
    first = client.get("/alpha/rss.xml")
    older = http_date(parse_http_date(first["Last-Modified"]) - 3600)
    response = client.get("/alpha/rss.xml", headers={"If-Modified-Since": older})
    assert response.status_code == 200
    assert response.content == first.content


def test_head_gives_the_same_date(client):
    for url in FEEDS.values():
        got = client.get(url)
        head = client.head(url)
        assert head["Last-Modified"] == got["Last-Modified"], url


def test_a_new_version_is_dated_after_the_previous_one_even_in_the_same_second(db):
    """Two versions within one second: If-Modified-Since of the first must
    not match the second."""
    first = conditional.first_seen("exemple/rss.xml", '"a"')
    second = conditional.first_seen("exemple/rss.xml", '"b"')
    assert second > first
    assert conditional.first_seen("exemple/rss.xml", '"a"') == first


def test_pages_keep_no_date(client, portal_a):
    """HTML pages change with their surroundings (menus, counts): no date."""
    assert not client.get("/alpha/").has_header("Last-Modified")

"""A control character in what a resident typed never breaks an XML answer.

U+000B and its kind come in with a copy and paste; XML 1.0 forbids them.
Text stored before the forms cleaned it may still hold them: every feed,
podcast, sitemap, oEmbed XML answer and calendar must still be well formed.
Every content kind of the registry gets such a text here.
"""

import json
import xml.etree.ElementTree as ET

import pytest

from quartiers.portals.features import registry

from .test_feeds import feed_urls

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")

DIRTY = "Fête\x0b du\x01 quartier\x1f\x0c"
CLEAN = "Fête du quartier"


def _dirty_content(build, portal, resident):
    """One public item of every kind, each text field with control characters."""
    made = {}
    made["article"] = build.article(
        portal,
        f"Article {DIRTY}",
        rubrique="portraits",
        body=[{"type": "paragraph", "value": f"<p>Texte {DIRTY}</p>"}],
    )
    blog = build.blog(portal, resident, f"Blog {DIRTY}")
    made["blog"] = blog
    made["blogpost"] = build.post(blog, f"Billet {DIRTY}")
    made["ad"] = build.ad(
        portal, f"Annonce {DIRTY}", text=DIRTY, place=DIRTY, author_name=DIRTY
    )
    made["actor"] = build.actor(portal, f"Association {DIRTY}", description=DIRTY)
    made["event"] = build.event(
        portal, f"Événement {DIRTY}", description=DIRTY, place_name=DIRTY
    )
    made["practical"] = build.practical(portal, f"Infos {DIRTY}")
    made["episode"] = build.episode(portal, f"Émission {DIRTY}")
    made["episode"].description = f"<p>{DIRTY}</p>"
    made["episode"].save_revision().publish()
    made["video"] = build.video(portal, f"Vidéo {DIRTY}")
    return made


def _assert_well_formed(response, url):
    assert response.status_code == 200, (url, response.status_code)
    assert b"\x0b" not in response.content and b"\x01" not in response.content
    return ET.fromstring(response.content)  # raises on malformed XML


def test_every_kind_is_covered(build, portal_a, resident_a):
    made = _dirty_content(build, portal_a, resident_a)
    missing = {kind.key for kind in registry.content_kinds()} - set(made)
    assert not missing, f"add a dirty item of {missing} to this test"


def test_every_feed_stays_well_formed(client, build, portal_a, resident_a):
    made = _dirty_content(build, portal_a, resident_a)
    made.update(blog_A=made["blog"], actor_A=made["actor"])
    urls = feed_urls(made) + ["/rss.xml"]
    for url in urls:
        for fmt_url in (url, url.replace("rss.xml", "atom.xml")):
            _assert_well_formed(client.get(fmt_url), fmt_url)

    # Every kind's dirty title is in the portal's everything-new feed, clean.
    root = _assert_well_formed(client.get("/alpha/rss.xml"), "/alpha/rss.xml")
    titles = [item.findtext("title") for item in root.iter("item")]
    for key in ("Article", "Billet", "Annonce", "Association", "Événement"):
        assert f"{key} {CLEAN}" in titles, (key, titles)


def test_podcasts_sitemaps_oembed_and_calendars_stay_well_formed(
    client, build, portal_a, resident_a
):
    made = _dirty_content(build, portal_a, resident_a)
    episode = made["episode"]
    show = episode.get_parent()
    for url in (
        "/alpha/radio/podcast.xml",
        f"{show.url}podcast.xml",
        "/sitemap.xml",
        "/alpha/sitemap.xml",
    ):
        _assert_well_formed(client.get(url), url)

    for item in (made["article"], episode, made["video"]):
        response = client.get(
            "/oembed/", {"url": f"http://testserver{item.url}", "format": "xml"}
        )
        root = _assert_well_formed(response, item.url)
        assert CLEAN in root.findtext("title")
        response = client.get("/oembed/", {"url": f"http://testserver{item.url}"})
        # JSON writes them escaped: valid as it is.
        assert json.loads(response.content)["title"]

    for url in ("/alpha/agenda.ics", f"/alpha/agenda/{made['event'].slug}.ics"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"\x0b" not in response.content and b"\x01" not in response.content

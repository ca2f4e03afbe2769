"""Our feeds as real feed readers read them (feedparser): every feed of a
portal, found from the feature registry, has an author, says the content's
language, keeps the same ids whatever the host, and types its self link."""

import uuid
from urllib.parse import urlsplit

import feedparser
import pytest

from quartiers.portals.features import registry

from .test_feeds import content  # noqa: F401  (fixture)

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")


def registered_feed_urls(portal_slug: str) -> list[str]:
    """Every list feed a portal serves, from the routes apps register: a
    feed added tomorrow is checked here without touching this test."""
    urls = ["/rss.xml", "/atom.xml"]
    for key in ["home", *registry.section_keys()]:
        for route in registry.routes_for(key):
            if route.pattern != "<feed:fmt>.xml/":
                continue
            prefix = "" if key == "home" else f"{registry.section(key).slug}/"
            for fmt in ("rss", "atom"):
                urls.append(f"/{portal_slug}/{prefix}{fmt}.xml")
    return urls


def read(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return parsed


@pytest.fixture
def uncached(settings):
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0
    settings.WAGTAILADMIN_BASE_URL = "https://quartiers.example"


def test_the_registry_lists_each_sections_feed():
    urls = registered_feed_urls("alpha")
    for path in ("/alpha/journal/atom.xml", "/alpha/tv/atom.xml", "/alpha/atom.xml"):
        assert path in urls


def test_every_feed_has_an_author_and_says_french(client, content, uncached):  # noqa: F811
    for url in registered_feed_urls("alpha"):
        parsed = read(client, url, HTTP_ACCEPT_LANGUAGE="en")
        assert parsed.feed.get("language", "").startswith("fr"), url
        assert parsed.entries, url
        if url.endswith("atom.xml"):
            # RFC 4287 §4.1.1: an author on the feed, or on every entry.
            assert parsed.feed.get("author") or all(
                e.get("author") for e in parsed.entries
            ), url
        selves = [link for link in parsed.feed.links if link.get("rel") == "self"]
        assert selves, url
        assert selves[0].get("type") in (
            "application/rss+xml",
            "application/atom+xml",
        ), url


def test_ids_do_not_depend_on_the_host_asked(client, content, uncached):  # noqa: F811
    for url in registered_feed_urls("alpha"):
        here = read(client, url)
        there = read(client, url, HTTP_HOST="localhost")
        assert [e.id for e in here.entries] == [e.id for e in there.entries], url
        for entry in here.entries:
            assert "testserver" not in entry.id, (url, entry.id)
        if url.endswith("atom.xml"):
            assert here.feed.id == there.feed.id, url
            assert "testserver" not in here.feed.id


def test_a_portal_on_its_own_domain_keeps_its_ids(client, content, uncached, portal_a):  # noqa: F811
    from wagtail.models import Site

    before = read(client, "/alpha/atom.xml")
    Site.objects.create(
        hostname="alpha.example",
        port=80,
        root_page=portal_a.home_page,
    )
    after = read(client, "/atom.xml", HTTP_HOST="alpha.example")
    assert after.feed.id == before.feed.id
    assert [e.id for e in after.entries] == [e.id for e in before.entries]


def test_an_episode_has_one_id_in_rss_atom_and_podcast(client, content, uncached):  # noqa: F811
    from quartiers.radio.models import EpisodePage

    episode = EpisodePage.objects.get(title="Émission du quartier A")
    show = episode.show
    podcast = read(client, f"/alpha/radio/{show.slug}/podcast.xml")
    ids = {e.title: e.id for e in podcast.entries}
    expected = ids["Émission du quartier A"]
    assert expected == str(episode.guid)
    for url in ("/alpha/radio/rss.xml", "/alpha/radio/atom.xml", "/alpha/rss.xml"):
        found = {e.title: e.id for e in read(client, url).entries}
        assert found["Émission du quartier A"].removeprefix("urn:uuid:") == expected


def _podcast_guid(parsed) -> str:
    return parsed.feed.get("podcast_guid") or parsed.feed.get("guid")


def test_podcast_guid_is_the_uuid5_of_the_feed_address(client, uncached, content):  # noqa: F811
    from quartiers.radio.feeds import PODCAST_GUID_NAMESPACE
    from quartiers.radio.models import EpisodePage

    show = EpisodePage.objects.get(title="Émission du quartier A").show
    for url in (f"/alpha/radio/{show.slug}/podcast.xml", "/alpha/radio/podcast.xml"):
        first = client.get(url)
        assert first.status_code == 200
        import xml.etree.ElementTree as ET

        channel = ET.fromstring(first.content).find("channel")
        guid = channel.findtext("{https://podcastindex.org/namespace/1.0}guid")
        self_link = channel.find("{http://www.w3.org/2005/Atom}link").get("href")
        parts = urlsplit(self_link)
        bare = (parts.netloc + parts.path).rstrip("/")
        assert guid == str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare)), url
        assert uuid.UUID(guid).version == 5
        # Asked through another host, the podcast stays the same podcast.
        other = client.get(url, HTTP_HOST="localhost")
        again = ET.fromstring(other.content).find("channel")
        assert again.findtext("{https://podcastindex.org/namespace/1.0}guid") == guid


def test_a_podcast_guid_never_changes_once_given(client, content, uncached, settings):  # noqa: F811
    from quartiers.radio.models import EpisodePage

    show = EpisodePage.objects.get(title="Émission du quartier A").show
    given = show.podcast_guid
    assert given.version == 5
    settings.WAGTAILADMIN_BASE_URL = "https://ailleurs.example"
    show.title = "Nouveau nom"
    show.slug = "nouveau-nom"
    show.save_revision().publish()
    show.refresh_from_db()
    assert show.podcast_guid == given

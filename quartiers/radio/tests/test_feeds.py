"""Podcast feeds, checked against what Apple Podcasts requires."""

import json
import re
import uuid
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from django.core.files.images import ImageFile
from PIL import Image

from quartiers.uploads.models import PortalImage

from .conftest import RADIO_URLS

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RADIO_URLS)]

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}
RFC_2822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)


def image(portal, size=(1600, 1600), color="#047857"):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    picture = PortalImage(
        title="Logo de l'émission",
        file=ImageFile(BytesIO(buffer.getvalue()), name="emission.png"),
        collection=portal.collection,
        alt_text="Un micro",
    )
    picture.save()
    return picture


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)


def local(client, url) -> bytes:
    """Fetch an absolute URL of this site through the test client."""
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc
    response = client.get(parts.path)
    assert response.status_code == 200, url
    return b"".join(response) if response.streaming else response.content


def check_apple_requirements(client, rss):
    """The tags, artwork, dates and GUIDs Apple Podcasts checks."""
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for tag in ("title", "link", "description", "language"):
        assert (channel.findtext(tag) or "").strip(), tag
    assert channel.find("itunes:category", NS).get("text")
    assert channel.findtext("itunes:explicit", namespaces=NS) in ("true", "false")
    assert channel.findtext("itunes:author", namespaces=NS)
    uuid.UUID(channel.findtext("podcast:guid", namespaces=NS))
    assert channel.findtext("podcast:locked", namespaces=NS) == "no"
    assert channel.find("atom:link", NS).get("rel") == "self"
    artwork_url = channel.find("itunes:image", NS).get("href")
    width, height = Image.open(BytesIO(local(client, artwork_url))).size
    assert width == height and 1400 <= width <= 3000
    items = channel.findall("item")
    guids = [item.findtext("guid") for item in items]
    assert len(guids) == len(set(guids))
    for item in items:
        assert item.findtext("title")
        assert item.find("guid").get("isPermaLink") == "false"
        date = item.findtext("pubDate")
        assert RFC_2822.match(date), date
        assert parsedate_to_datetime(date).tzinfo is not None
        enclosure = item.find("enclosure")
        assert enclosure.get("type") == "audio/mpeg"
        assert urlsplit(enclosure.get("url")).scheme in ("http", "https")
        assert int(enclosure.get("length")) > 0
        assert int(item.findtext("itunes:duration", namespaces=NS)) > 0
        assert item.findtext("itunes:explicit", namespaces=NS) in ("true", "false")
    return channel, items


def test_show_feed_meets_apple_requirements(client, portal_a, make_show, make_episode):
    show = make_show(
        portal_a,
        presentation="<p>Le magazine des habitants.</p>",
        hosts="Fatou et Mehdi",
        artwork=image(portal_a),
        podcast_category="Society & Culture|Documentary",
    )
    first = make_episode(show, "Le marché", days_ago=3)
    second = make_episode(
        show,
        "La rentrée",
        days_ago=1,
        transcript="Bonjour à tous.\n\nAujourd'hui, la rentrée.",
        chapters=[("0:00", "Bonjour"), ("1:05", "Les associations")],
        episode_number=2,
    )
    rss = feed(client, "/alpha/radio/les-voix-du-quartier/podcast.xml")
    channel, items = check_apple_requirements(client, rss)

    assert channel.findtext("title") == "Les Voix du quartier"
    assert (
        channel.findtext("link")
        == "http://testserver/alpha/radio/les-voix-du-quartier/"
    )
    assert channel.findtext("language") == "fr"
    category = channel.find("itunes:category", NS)
    assert category.get("text") == "Society & Culture"
    assert category.find("itunes:category", NS).get("text") == "Documentary"
    assert channel.findtext("podcast:guid", namespaces=NS) == str(show.podcast_guid)
    assert [item.findtext("title") for item in items] == ["La rentrée", "Le marché"]
    assert [item.findtext("guid") for item in items] == [
        str(second.guid),
        str(first.guid),
    ]

    newest = items[0]
    enclosure = newest.find("enclosure")
    assert int(enclosure.get("length")) == second.audio.audio_file.size
    assert local(client, enclosure.get("url"))[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3")
    assert newest.findtext("itunes:duration", namespaces=NS) == "125"
    assert newest.findtext("itunes:episode", namespaces=NS) == "2"

    transcript = newest.find("podcast:transcript", NS)
    assert transcript.get("type") == "text/vtt"
    vtt = local(client, transcript.get("url")).decode()
    assert vtt.startswith("WEBVTT") and "Aujourd'hui, la rentrée." in vtt
    chapters = newest.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    data = json.loads(local(client, chapters.get("url")))
    assert data["chapters"] == [
        {"startTime": 0, "title": "Bonjour"},
        {"startTime": 65, "title": "Les associations"},
    ]
    older = items[1]
    assert older.find("podcast:transcript", NS) is None
    assert older.find("podcast:chapters", NS) is None


def test_portal_feed_lists_every_show_with_its_own_image(
    client, portal_a, portal_b, make_show, make_episode
):
    voices = make_show(portal_a, "Les Voix du quartier", artwork=image(portal_a))
    music = make_show(portal_a, "Musiques d'ici")
    make_episode(voices, "Le marché", days_ago=2)
    make_episode(music, "La playlist", days_ago=1)
    make_episode(make_show(portal_b, "Chez Bêta"), "Ailleurs")
    rss = feed(client, "/alpha/radio/podcast.xml")
    channel, items = check_apple_requirements(client, rss)
    titles = [item.findtext("title") for item in items]
    assert titles == [
        "Musiques d'ici — La playlist",
        "Les Voix du quartier — Le marché",
    ]
    images = [item.find("itunes:image", NS).get("href") for item in items]
    assert images[0] == channel.find("itunes:image", NS).get("href")  # no artwork
    assert images[1] != images[0]
    for url in images:
        assert Image.open(BytesIO(local(client, url))).size == (1400, 1400)


def test_small_artwork_gives_way_to_the_portal_image(
    client, portal_a, make_show, make_episode
):
    from quartiers.radio.models import artwork_problem

    small = image(portal_a, size=(800, 600))
    assert "800 × 600" in artwork_problem(small)  # the editor refuses it
    assert artwork_problem(image(portal_a)) == ""
    show = make_show(portal_a, artwork=small)  # made by code all the same
    make_episode(show)
    check_apple_requirements(
        client, feed(client, "/alpha/radio/les-voix-du-quartier/podcast.xml")
    )


def test_only_published_ready_episodes_are_in_the_feed(
    client, portal_a, make_show, make_episode, make_asset
):
    show = make_show(portal_a)
    make_episode(show, "En ligne")
    make_episode(show, "Brouillon", publish=False)
    make_episode(
        show, "Pas prêt", publish=False, asset=make_asset(portal_a, status="processing")
    )
    rss = feed(client, "/alpha/radio/les-voix-du-quartier/podcast.xml")
    assert [i.findtext("title") for i in rss.iter("item")] == ["En ligne"]


def test_feed_is_cached_and_forgotten_when_an_episode_is_published(
    client, portal_a, make_show, make_episode
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    show = make_show(portal_a)
    make_episode(show, "Premier")
    url = "/alpha/radio/les-voix-du-quartier/podcast.xml"
    with CaptureQueriesContext(connection) as cold:
        feed(client, url)
    with CaptureQueriesContext(connection) as cached:
        rss = feed(client, url)
    # From the cache, only Wagtail's routing to the show remains.
    assert len(cached) < len(cold) - 4
    assert not any("radio_episodepage" in q["sql"] for q in cached.captured_queries)
    assert len(rss.findall("channel/item")) == 1
    make_episode(show, "Deuxième")
    titles = [i.findtext("title") for i in feed(client, url).iter("item")]
    assert titles[0] == "Deuxième"
    portal_titles = [
        i.findtext("title")
        for i in feed(client, "/alpha/radio/podcast.xml").iter("item")
    ]
    assert len(portal_titles) == 2


def test_feeds_of_another_portal_or_a_closed_radio_are_404(
    client, portal_a, portal_b, make_show, make_episode
):
    show = make_show(portal_a)
    make_episode(show)
    assert client.get("/beta/radio/les-voix-du-quartier/podcast.xml").status_code == 404
    assert (
        client.get("/alpha/radio/les-voix-du-quartier/inconnu.xml").status_code == 404
    )
    portal_a.enabled_sections = [k for k in portal_a.enabled_sections if k != "radio"]
    portal_a.save()
    assert client.get("/alpha/radio/podcast.xml").status_code == 404
    assert (
        client.get("/alpha/radio/les-voix-du-quartier/podcast.xml").status_code == 404
    )


def test_chapters_and_transcript_routes(client, portal_a, make_show, make_episode):
    show = make_show(portal_a)
    make_episode(show, "Sans rien")
    episode = make_episode(
        show,
        "Avec tout",
        transcript="WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour <b>le</b> quartier\n",
        chapters=[
            ("0:30", "Deuxième partie"),
            ("0:00", "Début"),
            ("n'importe", "Cassé"),
        ],
    )
    base = "/alpha/radio/les-voix-du-quartier/"
    assert client.get(f"{base}sans-rien/chapitres.json").status_code == 404
    assert client.get(f"{base}sans-rien/transcription.vtt").status_code == 404
    response = client.get(f"{base}avec-tout/chapitres.json")
    assert response["Content-Type"].startswith("application/json+chapters")
    assert response["Access-Control-Allow-Origin"] == "*"  # podcast web apps
    assert [c["title"] for c in json.loads(response.content)["chapters"]] == [
        "Début",
        "Deuxième partie",
    ]
    response = client.get(f"{base}avec-tout/transcription.vtt")
    assert response["Content-Type"].startswith("text/vtt")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.decode() == episode.transcript.strip() + "\n"

"""Our podcasts and calendars as more real clients read them.

podcastparser is what gPodder and many small podcast apps use; vobject is
the iCalendar reader of Radicale and of several Python calendar tools. Each
reads our real outputs: every public episode comes with its sound, its
stable guid, its duration; every event and every hand-picked date of the
agenda is seen.
"""

import io
from datetime import timedelta

import podcastparser
import pytest
import vobject

from .test_feeds import content  # noqa: F401  (fixture)

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")


@pytest.fixture(autouse=True)
def _fresh(settings):
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0


def _podcast(client, url, host="testserver"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return podcastparser.parse(
        f"http://{host}{url}", io.BytesIO(response.content), max_episodes=0
    )


def _with_sound(episode):
    from quartiers.uploads.tests.test_media_serving import make_asset

    episode.audio = make_asset(episode.portal)
    episode.save_revision().publish()


def test_podcast_apps_read_every_episode_with_its_sound(client, content):  # noqa: F811
    from quartiers.radio.models import EpisodePage

    for episode in EpisodePage.objects.all():
        _with_sound(episode)
    for url in ("/alpha/radio/podcast.xml", "/alpha/radio/les-voix/podcast.xml"):
        feed = _podcast(client, url)
        assert feed["title"], url
        titles = [episode["title"] for episode in feed["episodes"]]
        # The portal's podcast names the show before each episode.
        assert len(titles) == 1, url
        assert titles[0].endswith("Émission du quartier A"), url
        episode = feed["episodes"][0]
        assert episode["enclosures"], url
        sound = episode["enclosures"][0]
        assert sound["mime_type"] == "audio/mpeg"
        assert sound["url"].startswith("http://testserver/medias/")
        assert sound["file_size"] > 0
        assert episode["guid"]


def test_an_episode_keeps_its_guid_whatever_the_host(client, content):  # noqa: F811
    from quartiers.radio.models import EpisodePage

    _with_sound(EpisodePage.objects.filter(portal__slug="alpha").get())
    url = "/alpha/radio/podcast.xml"
    here = _podcast(client, url)["episodes"][0]["guid"]
    there = _podcast(client, url, host="localhost")["episodes"][0]["guid"]
    assert here == there


def _calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return list(vobject.readComponents(response.content.decode()))


def test_calendar_apps_read_the_agenda(client, content, build, portal_a):  # noqa: F811
    from quartiers.agenda import recurrence

    from .conftest import soon

    start = soon(5)
    build.event(
        portal_a,
        "Atelier vélo",
        start=start,
        recurrence=recurrence.WEEKLY,
        recurrence_until=(start + timedelta(days=21)).date(),
    )
    chosen = [(start + timedelta(days=n)).date() for n in (9, 23)]
    build.event(
        portal_a,
        "Permanence logement",
        start=start,
        recurrence=recurrence.DATES,
        extra_dates=chosen,
    )
    (calendar,) = _calendar(client, "/alpha/agenda.ics")
    events = calendar.contents["vevent"]
    summaries = [event.summary.value for event in events]
    assert "Fête du quartier A" in summaries
    assert "Fête du quartier B" not in summaries
    velo = [event for event in events if event.summary.value == "Atelier vélo"]
    assert [hasattr(event, "rrule") for event in velo] == [True]
    # Hand-picked dates are events of their own: an RDATE-blind reader
    # still sees every one.
    days = {
        event.dtstart.value.date()
        for event in events
        if event.summary.value == "Permanence logement"
    }
    assert set(chosen) <= days
    uids = [event.uid.value for event in events]
    assert len(uids) == len(set(uids))
    for event in events:
        assert event.dtstart.value.tzinfo is not None or not hasattr(
            event.dtstart.value, "hour"
        )


def test_one_event_reads_as_one_calendar(client, content):  # noqa: F811
    event = content["event_A"]
    (calendar,) = _calendar(client, f"/alpha/agenda/{event.slug}.ics")
    (vevent,) = calendar.contents["vevent"]
    assert vevent.summary.value == "Fête du quartier A"
    assert vevent.location.value

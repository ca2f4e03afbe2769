"""The public radio: home, show and episode pages, and their cost in queries."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.radio import selectors, services
from quartiers.uploads.models import MediaAsset

from .conftest import RADIO_URLS, bulk_episodes

pytestmark = pytest.mark.django_db


@pytest.fixture
def show(portal_a, make_show):
    return make_show(
        portal_a,
        presentation="<p>Le magazine des habitants &amp; des associations.</p>",
        hosts="Fatou et Mehdi",
    )


def test_radio_home_shows_schedule_shows_and_latest_episodes(
    client, portal_a, show, make_show, make_episode
):
    make_show(portal_a, "Musiques d'ici")
    make_episode(show, "Le marché du samedi")
    make_episode(show, "Brouillon secret", publish=False)
    today = timezone.localdate()
    services.schedule_slot_create(
        portal=portal_a,
        actor=None,
        show_id=show.pk,
        weekday=today.weekday(),
        start_time=time(23, 58),
        end_time=time(23, 59),
    )
    html = client.get("/alpha/radio/").content.decode()
    assert "À l'antenne" in html
    assert "Hors antenne" in html and "prochaine émission" in html
    assert "<table" in html and "<caption>Semaine du" in html and 'scope="row"' in html
    assert "23:58" in html
    assert "Les Voix du quartier" in html and "Musiques d&#x27;ici" in html
    assert "Animé par Fatou et Mehdi" in html
    assert "Le marché du samedi" in html and "Brouillon secret" not in html
    assert "http://testserver/alpha/radio/podcast.xml" in html
    assert 'type="application/rss+xml"' in html


def test_empty_radio_says_so(client, portal_a):
    html = client.get("/alpha/radio/").content.decode()
    assert "La radio prépare ses premières émissions" in html
    assert "Hors antenne" in html


def test_show_page_lists_episodes_newest_first_and_paginates(
    client, portal_a, show, make_episode
):
    for number in range(13):
        make_episode(show, f"Épisode {number}", days_ago=number)
    response = client.get("/alpha/radio/les-voix-du-quartier/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Les Voix du quartier</h1>" in html
    assert "Le magazine des habitants &amp; des associations." in html
    assert html.index("Épisode 0") < html.index("Épisode 1<")
    assert "Épisode 12" not in html and "Page 1 sur 2" in html
    page_two = client.get("/alpha/radio/les-voix-du-quartier/?page=2").content.decode()
    assert "Épisode 12" in page_two
    assert (
        'value="http://testserver/alpha/radio/les-voix-du-quartier/podcast.xml"' in html
    )
    assert client.get("/alpha/radio/les-voix-du-quartier/?page=abc").status_code == 200


def test_episode_page_plays_with_chapters_transcript_and_download(
    client, portal_a, show, make_episode
):
    episode = make_episode(
        show,
        "Le marché du samedi",
        description="<p>Reportage entre les étals.</p>",
        transcript="Bonjour à tous.\n\nNous sommes au marché.",
        chapters=[("0:00", "Bonjour"), ("1:05", "Au marché")],
    )
    response = client.get("/alpha/radio/les-voix-du-quartier/le-marche-du-samedi/")
    html = response.content.decode()
    assert response.status_code == 200
    asset = episode.audio
    assert f'<source src="{asset.audio_url}" type="audio/mpeg">' in html
    assert 'controls preload="none"' in html
    assert f'href="{asset.audio_url}#t=65" data-seek="65"' in html
    assert "1:05</time> Au marché" in html
    assert "radio/player.js" in html
    assert "Reportage entre les étals." in html
    assert "<p>Nous sommes au marché.</p>" in html
    assert f'href="{asset.download_url}" download' in html
    assert f'datetime="PT2M5S">{asset.duration_label}</time>' in html
    assert "Signaler cet épisode" in html
    assert 'class="comments' in html


def test_episode_whose_sound_is_being_prepared_says_so(
    client, portal_a, show, make_episode
):
    episode = make_episode(show, "Le marché du samedi")
    MediaAsset.objects.filter(pk=episode.audio_id).update(status=MediaAsset.PROCESSING)
    html = client.get(
        "/alpha/radio/les-voix-du-quartier/le-marche-du-samedi/"
    ).content.decode()
    assert "Épisode en préparation" in html
    assert "<audio" not in html


def test_drafts_other_portals_and_closed_radio_answer_404(
    client, portal_a, portal_b, show, make_show, make_episode
):
    make_episode(show, "Publié")
    make_episode(show, "Brouillon", publish=False)
    make_episode(make_show(portal_b, "Chez Bêta"), "Ailleurs")
    assert client.get("/alpha/radio/les-voix-du-quartier/brouillon/").status_code == 404
    assert client.get("/beta/radio/les-voix-du-quartier/").status_code == 404
    assert client.get("/beta/radio/les-voix-du-quartier/publie/").status_code == 404
    assert client.get("/alpha/radio/chez-beta/ailleurs/").status_code == 404
    html = client.get("/alpha/radio/").content.decode()
    assert "Chez Bêta" not in html and "Ailleurs" not in html
    portal_a.enabled_sections = [k for k in portal_a.enabled_sections if k != "radio"]
    portal_a.save()
    assert client.get("/alpha/radio/les-voix-du-quartier/").status_code == 404
    assert client.get("/alpha/radio/les-voix-du-quartier/publie/").status_code == 404


def test_portal_home_block_shows_what_is_on_air(client, portal_a, show, make_episode):
    assert "radio-antenne-title" not in client.get("/alpha/").content.decode()
    make_episode(show, "Le marché du samedi")
    html = client.get("/alpha/").content.decode()
    assert "À l'antenne" in html
    assert "Dernier épisode" in html and "Le marché du samedi" in html


def test_participation_page_offers_the_testimony(client, portal_a):
    html = client.get("/alpha/participer/").content.decode()
    assert "Enregistrer un témoignage" in html
    assert "/alpha/participer/temoignage/" in html


# Constant cost in queries --------------------------------------------------


def _count(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response)
    assert response.status_code == 200, url
    return len(queries)


URLS = [
    "/alpha/radio/",
    "/alpha/radio/les-voix-du-quartier/",
    "/alpha/radio/les-voix-du-quartier/le-marche-du-samedi/",
    "/alpha/radio/podcast.xml",
    "/alpha/radio/les-voix-du-quartier/podcast.xml",
    "/alpha/",
]


@pytest.mark.urls(RADIO_URLS)
def test_pages_and_feeds_cost_the_same_queries_for_10_or_2000_episodes(
    client, portal_a, show, make_show, make_episode, make_asset
):
    """2,000 episodes (inserted in bulk, as adding pages one by one is slow)
    cost exactly what 10 do; the feeds list the latest FEED_ITEMS episodes."""
    make_show(portal_a, "Musiques d'ici")
    make_episode(show, "Le marché du samedi", chapters=[("0:00", "Début")])
    services.schedule_slot_create(
        portal=portal_a,
        actor=None,
        show_id=show.pk,
        weekday=0,
        start_time=time(18),
        end_time=time(19),
    )
    asset = make_asset(portal_a)
    bulk_episodes(show, 9, asset=asset)
    for url in URLS:
        _count(client, url)  # renditions and artwork made once
    small = {url: _count(client, url) for url in URLS}
    bulk_episodes(show, 1990, asset=make_asset(portal_a), start=9)
    large = {url: _count(client, url) for url in URLS}
    assert large == small
    last = client.get("/alpha/radio/les-voix-du-quartier/?page=167")
    assert "Épisode généré 1998" in last.content.decode()
    feed = client.get("/alpha/radio/podcast.xml").content
    assert feed.count(b"<item>") == selectors.FEED_ITEMS


def test_week_table_marks_today_and_cancelled_dates(client, portal_a, show):
    today = timezone.localdate()
    slot = services.schedule_slot_create(
        portal=portal_a,
        actor=None,
        show_id=show.pk,
        weekday=today.weekday(),
        start_time=time(23, 58),
        end_time=time(23, 59),
    )
    services.schedule_exception_create(
        portal=portal_a, actor=None, slot_id=slot.pk, day=today, note="Vacances"
    )
    html = client.get("/alpha/radio/").content.decode()
    assert "radio-week__today" in html and "annulée" in html and "Vacances" in html
    # Next week's date is not cancelled: it is the next broadcast.
    next_week = today + timedelta(days=7)
    assert f'datetime="{next_week.isoformat()}T23:58:00' in html

"""What partners embed plays well: captions on videos, fullscreen allowed,
a radio widget off air shows the schedule, frames shrink as well as grow."""

from datetime import time, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")

WEBVTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour à toutes et à tous.\n"


@pytest.fixture
def captioned_video(build, portal_a):
    from wagtail.documents import get_document_model

    video = build.video(portal_a, "La fresque du quartier")
    asset = video.video
    asset.video_720.save("720.mp4", ContentFile(b"\x00" * 64), save=False)
    asset.save()
    document = get_document_model()(title="Sous-titres", collection=portal_a.collection)
    document.file.save("sous-titres.vtt", ContentFile(WEBVTT.encode()), save=False)
    document.save()
    video.captions = document
    video.captions_language = "fr"
    video.save_revision().publish()
    return video


def test_captions_play_in_the_oembed_frame_and_the_video_widget(
    client, captioned_video
):
    for url in (
        f"/alpha/widgets/contenu/video/{captioned_video.pk}/",
        "/alpha/widgets/video/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert '<track kind="captions"' in body, url
        assert 'srclang="fr"' in body, url
        track = body.split('<track kind="captions" src="', 1)[1].split('"', 1)[0]
        assert client.get(track.replace("http://testserver", "")).status_code == 200


def test_every_builder_snippet_allows_fullscreen(client, build, portal_a):
    from quartiers.outreach import widgets

    build.video(portal_a)
    checked = 0
    for kind in widgets.available_kinds(portal_a):
        response = client.get("/alpha/widgets/", {"contenu": kind.slug})
        widget = response.context_data.get("widget")
        if widget is None:
            continue  # a kind that needs a choice first (an actor...)
        assert 'allow="fullscreen"' in widget["frame"], kind.slug
        checked += 1
    assert checked >= 4


def test_the_radio_widget_off_air_shows_the_schedule_not_a_dead_player(
    client, build, portal_a
):
    from quartiers.radio.models import ScheduleSlot

    episode = build.episode(portal_a)
    tomorrow = timezone.localdate() + timedelta(days=1)
    ScheduleSlot.objects.create(
        portal=portal_a,
        show=episode.show,
        weekday=tomorrow.weekday(),
        start_time=time(18, 0),
        end_time=time(19, 0),
    )
    body = client.get("/alpha/widgets/radio/").content.decode()
    assert "<audio" not in body
    assert "Prochaines émissions" in body
    assert episode.show.title in body


def test_the_frame_reports_its_content_height_so_it_can_shrink():
    from django.contrib.staticfiles import finders

    script = open(finders.find("outreach/widget-height.js"), encoding="utf-8").read()
    # scrollHeight of the document never drops below the frame's own height.
    assert "documentElement.scrollHeight" not in script
    assert "getBoundingClientRect" in script
    resize = open(finders.find("outreach/widget-resize.js"), encoding="utf-8").read()
    assert "style.height" in resize

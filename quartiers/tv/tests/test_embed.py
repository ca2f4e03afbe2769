"""Videos and radio episodes embedded in articles."""

import json

import pytest

from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.newsroom.models import ArticlePage
from quartiers.uploads.models import MediaAsset

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish_article():
    def publish(portal, title="La fresque du square", blocks=()):
        journal = newsroom_selectors.journal_of(portal)
        body = [{"type": "paragraph", "value": "<p>Un beau samedi.</p>"}, *blocks]
        page = ArticlePage(title=title, chapo="Un chapeau.", body=json.dumps(body))
        journal.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return publish


@pytest.fixture
def make_episode():
    """A published radio episode whose sound is ready (files not needed)."""
    from quartiers.radio import selectors as radio_selectors
    from quartiers.radio.models import EpisodePage, ShowPage

    def make(portal, title="Le marché du samedi", *, status=MediaAsset.READY):
        radio = radio_selectors.radio_of(portal)
        show = ShowPage.objects.child_of(radio).first()
        if show is None:
            show = ShowPage(title="Les Voix du quartier", slug="les-voix")
            radio.add_child(instance=show)
            show.save_revision().publish()
        asset = MediaAsset.objects.create(
            portal=portal,
            kind=MediaAsset.AUDIO,
            status=MediaAsset.READY,
            duration=65.0,
            audio_file="medias/test/audio.mp3",
            original="medias/test/original.mp3",
        )
        episode = EpisodePage(title=title, slug="marche", audio=asset, live=False)
        show.add_child(instance=episode)
        episode.save_revision().publish()
        MediaAsset.objects.filter(pk=asset.pk).update(status=status)
        episode.refresh_from_db()
        return episode

    return make


def _html(client, article) -> str:
    response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode()


def test_article_plays_a_video_of_its_portal(
    client, portal_a, make_video, publish_article
):
    video = make_video(portal_a, "La fresque du square", slug="fresque")
    article = publish_article(
        portal_a, "Retour sur la fresque", [{"type": "video", "value": video.pk}]
    )
    html = _html(client, article)
    assert 'class="media-embed media-embed--video"' in html
    assert f'<source src="{video.video.video_720_url}" type="video/mp4">' in html
    assert '<a href="/alpha/tv/fresque/">La fresque du square</a>' in html


def test_article_shows_nothing_for_another_portals_video(
    client, portal_a, portal_b, make_video, publish_article
):
    other = make_video(portal_b, "La fête à Bêta", slug="fete-beta")
    article = publish_article(
        portal_a, "Un article", [{"type": "video", "value": other.pk}]
    )
    html = _html(client, article)
    assert "media-embed" not in html
    assert "La fête à Bêta" not in html and other.video.video_720_url not in html


@pytest.mark.parametrize("status", [MediaAsset.PROCESSING, MediaAsset.FAILED])
def test_article_shows_nothing_for_an_unready_video(
    client, portal_a, make_video, publish_article, status
):
    video = make_video(portal_a, "En préparation", slug="preparation")
    MediaAsset.objects.filter(pk=video.video_id).update(status=status)
    article = publish_article(
        portal_a, "Un article", [{"type": "video", "value": video.pk}]
    )
    html = _html(client, article)
    assert "media-embed" not in html and "En préparation" not in html


def test_article_shows_nothing_for_a_draft_or_deleted_video(
    client, portal_a, make_video, publish_article
):
    draft = make_video(portal_a, "Brouillon", slug="brouillon", publish=False)
    gone = make_video(portal_a, "Supprimée", slug="supprimee")
    article = publish_article(
        portal_a,
        "Un article",
        [{"type": "video", "value": draft.pk}, {"type": "video", "value": gone.pk}],
    )
    gone.delete()
    html = _html(client, article)
    assert "media-embed" not in html and "Brouillon" not in html


def test_article_plays_a_radio_episode(client, portal_a, make_episode, publish_article):
    episode = make_episode(portal_a, "Le marché du samedi")
    article = publish_article(
        portal_a, "Le marché", [{"type": "episode", "value": episode.pk}]
    )
    html = _html(client, article)
    assert 'class="media-embed media-embed--audio"' in html
    assert f'src="{episode.audio.audio_url}"' in html
    assert "Le marché du samedi" in html and "1 min 05 s" in html


def test_article_shows_nothing_for_another_portals_or_unready_episode(
    client, portal_a, portal_b, make_episode, publish_article
):
    other = make_episode(portal_b, "Chez Bêta")
    pending = make_episode(portal_a, "Pas prêt", status=MediaAsset.PROCESSING)
    article = publish_article(
        portal_a,
        "Un article",
        [
            {"type": "episode", "value": other.pk},
            {"type": "episode", "value": pending.pk},
        ],
    )
    html = _html(client, article)
    assert "media-embed" not in html
    assert "Chez Bêta" not in html and "Pas prêt" not in html


def test_article_editor_offers_sound_and_video(
    staff_client, portal_a, animator_a, make_video, publish_article
):
    video = make_video(portal_a, "La fresque du square", slug="fresque")
    article = publish_article(
        portal_a, "Retour sur la fresque", [{"type": "video", "value": video.pk}]
    )
    client = staff_client(animator_a)
    editor = client.get(f"/admin/pages/{article.pk}/edit/")
    assert editor.status_code == 200
    html = editor.content.decode()
    # The chooser of each new block only offers its own kind of page.
    assert "&quot;modelNames&quot;: [&quot;radio.episodepage&quot;]" in html
    assert "&quot;modelNames&quot;: [&quot;tv.videopage&quot;]" in html
    journal = newsroom_selectors.journal_of(portal_a)
    assert (
        client.get(f"/admin/pages/add/newsroom/articlepage/{journal.pk}/").status_code
        == 200
    )

"""oEmbed consumers set the limits: maxwidth and maxheight are honoured
however small, and every embeddable kind comes with a thumbnail."""

import pytest

from quartiers.outreach.oembed import OEMBED_KINDS
from quartiers.portals.exposing import page_path

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")


@pytest.fixture
def embeddable(build, portal_a):
    made = {
        "article": build.article(portal_a, "Le jardin partagé"),
        "episode": build.episode(portal_a, "Le marché du samedi"),
        "video": build.video(portal_a, "La fête en images"),
    }
    assert set(made) == set(OEMBED_KINDS)  # a new embeddable kind is tested too
    return made


def oembed(client, page, **params):
    url = f"http://testserver{page_path(page)}"
    response = client.get("/oembed/", {"url": url, **params})
    assert response.status_code == 200, (url, response.content)
    return response.json()


@pytest.mark.parametrize(
    "maxwidth, maxheight", [(100, 60), (150, 90), (199, 119), (320, 200), (1, 1)]
)
def test_every_kind_fits_even_small_limits(client, embeddable, maxwidth, maxheight):
    for kind, page in embeddable.items():
        data = oembed(client, page, maxwidth=maxwidth, maxheight=maxheight)
        assert 0 < data["width"] <= maxwidth, kind
        assert 0 < data["height"] <= maxheight, kind
        assert f'width="{data["width"]}"' in data["html"], kind
        assert f'height="{data["height"]}"' in data["html"], kind


def test_without_limits_the_default_size_stays(client, embeddable):
    data = oembed(client, embeddable["video"])
    assert data["width"] == 560
    assert data["height"] == round(560 * 9 / 16) + 64


@pytest.mark.parametrize("kind", ["episode", "video"])
def test_videos_and_episodes_give_a_thumbnail(client, embeddable, kind):
    data = oembed(client, embeddable[kind])
    assert data["thumbnail_url"].startswith("http://testserver/")
    assert data["thumbnail_width"] > 0 and data["thumbnail_height"] > 0
    path = data["thumbnail_url"].removeprefix("http://testserver")
    assert client.get(path).status_code == 200, path

"""oEmbed: articles, episodes and videos embed; anything else is refused cleanly."""

import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from quartiers.portals.exposing import page_path

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")


def oembed(client, url, **params):
    return client.get("/oembed/", {"url": url, **params})


def address(page) -> str:
    return f"http://testserver{page_path(page)}"


def test_an_article_embeds_as_a_rich_card_in_a_frame(client, build, portal_a):
    article = build.article(portal_a, "Le jardin partagé", cover=build.image(portal_a))
    response = oembed(client, address(article), format="json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["version"] == "1.0"
    assert data["type"] == "rich"
    assert data["title"] == "Le jardin partagé"
    assert data["provider_name"].startswith("Quartier Alpha")
    assert data["provider_url"] == "http://testserver/alpha/"
    frame = f'src="http://testserver/alpha/widgets/contenu/article/{article.pk}/"'
    assert frame in data["html"]
    assert 'title="Le jardin partagé"' in data["html"]
    assert data["width"] > 0 and data["height"] > 0
    assert data["thumbnail_url"].startswith("http://testserver/media/")


def test_the_frame_of_an_embedded_article_shows_it_and_may_be_framed(
    client, build, portal_a
):
    article = build.article(portal_a, "Le jardin partagé")
    data = oembed(client, address(article)).json()
    src = data["html"].split('src="', 1)[1].split('"', 1)[0]
    response = client.get(src.replace("http://testserver", ""))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert not response.cookies
    body = response.content.decode()
    assert "Le jardin partagé" in body
    assert 'target="_blank" rel="noopener"' in body


def test_xml_is_offered_too(client, build, portal_a):
    article = build.article(portal_a, "Le jardin partagé")
    response = oembed(client, address(article), format="xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "oembed"
    assert root.findtext("type") == "rich"
    assert root.findtext("title") == "Le jardin partagé"


def test_maxwidth_and_maxheight_are_respected(client, build, portal_a):
    article = build.article(portal_a)
    data = oembed(client, address(article), maxwidth="320", maxheight="200").json()
    assert data["width"] <= 320
    assert data["height"] <= 200
    assert 'width="{}"'.format(data["width"]) in data["html"]


def test_an_episode_embeds_with_its_player(client, build, portal_a):
    episode = build.episode(portal_a, "Le marché du samedi")
    data = oembed(client, address(episode)).json()
    assert data["type"] == "rich"
    assert data["title"] == "Le marché du samedi"
    assert f"/alpha/widgets/contenu/episode/{episode.pk}/" in data["html"]
    frame = client.get(f"/alpha/widgets/contenu/episode/{episode.pk}/")
    assert frame.status_code == 200
    assert b"Le march" in frame.content


def test_a_video_embeds_as_a_video(client, build, portal_a):
    video = build.video(portal_a, "La fête en images")
    data = oembed(client, address(video)).json()
    assert data["type"] == "video"
    assert f"/alpha/widgets/contenu/video/{video.pk}/" in data["html"]
    assert data["height"] < data["width"]


def test_drafts_other_kinds_and_unknown_addresses_answer_404(
    client, build, portal_a, resident_a
):
    draft = build.article(portal_a, "Brouillon", live=False)
    post = build.post(build.blog(portal_a, resident_a), "Un billet")
    for url in (
        address(draft),
        address(post),  # blog posts are not embeddable
        "http://testserver/alpha/journal/",  # a list, not an item
        "http://testserver/alpha/journal/n-existe-pas/",
        "http://testserver/inconnu/journal/x/",
        "http://testserver/",
    ):
        response = oembed(client, url)
        assert response.status_code == 404, url
    frame = client.get(f"/alpha/widgets/contenu/article/{draft.pk}/")
    assert frame.status_code == 404


def test_another_portals_article_is_not_found_under_this_portal(
    client, build, portal_a, portal_b
):
    article_b = build.article(portal_b, "Article de Bêta")
    under_alpha = address(article_b).replace("/beta/", "/alpha/")
    assert oembed(client, under_alpha).status_code == 404
    assert oembed(client, address(article_b)).status_code == 200
    frame = client.get(f"/alpha/widgets/contenu/article/{article_b.pk}/")
    assert frame.status_code == 404


def test_another_site_is_not_embedded(client, build, portal_a):
    article = build.article(portal_a)
    other = address(article).replace("testserver", "exemple.org")
    assert oembed(client, other).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"url": ""},
        {"url": "pas une adresse"},
        {"url": "ftp://testserver/alpha/"},
        {"url": "http://[::1"},
        {"url": "http://testserver/" + "a" * 3000},
        {"url": "http://testserver/alpha/", "maxwidth": "large"},
        {"url": "http://testserver/alpha/", "maxwidth": "-5"},
        {"url": "http://testserver/alpha/", "maxheight": "9" * 40},
    ],
)
def test_malformed_requests_answer_400(client, db, params):
    response = client.get("/oembed/", params)
    assert response.status_code == 400
    assert response.content  # a plain sentence saying what is wrong


def test_an_unsupported_format_answers_501(client, build, portal_a):
    article = build.article(portal_a)
    assert oembed(client, address(article), format="yaml").status_code == 501


def test_embed_frames_refuse_absurd_ids(client, db):
    assert client.get(f"/alpha/widgets/contenu/article/{10**30}/").status_code == 404
    assert client.get("/alpha/widgets/contenu/annonce/1/").status_code == 404


def test_article_pages_announce_their_oembed(build, portal_a):
    article = build.article(portal_a, "Le jardin partagé")
    request = RequestFactory().get(page_path(article))
    request.portal, request.portal_root = portal_a, "/alpha/"
    html = Template("{% load outreach_tags %}{% oembed_links %}").render(
        Context({"request": request, "page": article})
    )
    assert 'type="application/json+oembed"' in html
    assert "/oembed/?url=http%3A%2F%2Ftestserver%2Falpha%2Fjournal%2F" in html
    draft = build.article(portal_a, "Brouillon", live=False)
    html = Template("{% load outreach_tags %}{% oembed_links %}").render(
        Context({"request": request, "page": draft})
    )
    assert html == ""

"""Link previews: every public page gives OpenGraph and Twitter cards, a
canonical address and JSON-LD that a real parser (extruct) reads; articles,
events, ads and episodes offer share links that need no third-party script."""

import extruct
import pytest
from django.core.files.base import ContentFile
from wagtail.models import Site

from quartiers.portals.exposing import page_path

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")

REQUIRED = {
    "NewsArticle": {"headline", "datePublished", "author", "publisher"},
    "Event": {"name", "startDate", "location", "offers"},
    "PodcastEpisode": {"name", "url", "datePublished", "associatedMedia"},
    "VideoObject": {"name", "description", "thumbnailUrl", "uploadDate"},
    "Organization": {"name", "url"},
}


@pytest.fixture
def pages(build, portal_a):
    from quartiers.agenda.models import Event

    cover = build.image(portal_a)
    article = build.article(portal_a, "Le jardin partagé", cover=cover)
    event = build.event(portal_a, "Fête des voisins")
    ad = build.ad(portal_a, "Poussette à donner")
    episode = build.episode(portal_a, "Le marché du samedi")
    sound = episode.audio
    sound.audio_file.save("audio.mp3", ContentFile(b"ID3" + b"\x00" * 64), save=True)
    video = build.video(portal_a, "La fresque")
    event = Event.objects.get(pk=event.pk)
    return {
        "NewsArticle": page_path(article),
        "Event": f"/alpha/agenda/{event.slug}/",
        "PodcastEpisode": page_path(episode),
        "VideoObject": page_path(video),
        "Organization": "/alpha/",
        "ad": f"/alpha/annonces/{ad.pk}/" if not hasattr(ad, "slug") else None,
        "_ad": ad,
    }


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    return html, extruct.extract(
        html,
        base_url=f"http://testserver{path}",
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
    )


def test_each_kind_of_page_has_its_structured_data(client, pages):
    for schema_type, required in REQUIRED.items():
        path = pages[schema_type]
        html, data = read(client, path)
        found = [d for d in data["json-ld"] if d.get("@type") == schema_type]
        assert found, (path, data["json-ld"])
        missing = required - set(found[0])
        assert not missing, (path, missing)
        assert "Content-Security-Policy" not in html  # header, not markup


def test_every_page_has_cards_and_a_canonical_link(client, pages):
    for key in REQUIRED:
        html, data = read(client, pages[key])
        (og,) = data["opengraph"] or [{}]
        for prop in ("og:title", "og:description", "og:url", "og:site_name"):
            assert og.get(prop), (pages[key], prop)
        assert og.get("og:locale") == "fr_FR"
        assert '<meta name="twitter:card"' in html
        assert '<link rel="canonical" href="http://' in html


def test_the_article_image_is_a_1200x630_rendition(client, pages):
    html, data = read(client, pages["NewsArticle"])
    (og,) = data["opengraph"]
    assert "fill-1200x630" in og["og:image"] or "1200x630" in og["og:image"]
    assert og["og:image:width"] == "1200" and og["og:image:height"] == "630"


def test_the_canonical_address_is_the_portals_own_domain(
    client, pages, portal_a, settings
):
    Site.objects.create(hostname="alpha.example", port=80, root_page=portal_a.home_page)
    html, _data = read(client, pages["NewsArticle"])
    path = pages["NewsArticle"].removeprefix("/alpha")
    assert f'<link rel="canonical" href="http://alpha.example{path}">' in html


def test_share_links_need_no_third_party_script(client, pages):
    ad = pages["_ad"]
    paths = [pages["NewsArticle"], pages["Event"], pages["PodcastEpisode"]]
    paths.append(ad.get_absolute_url() if hasattr(ad, "get_absolute_url") else "")
    for path in filter(None, paths):
        html, _data = read(client, path)
        for start in (
            "https://wa.me/?text=",
            "sms:?body=",
            "mailto:?subject=",
            "https://www.facebook.com/sharer/sharer.php?u=",
        ):
            assert f'href="{start}' in html, (path, start)
        assert 'id="lien-a-copier"' in html and "readonly" in html, path
        assert "connect.facebook.net" not in html and "platform.twitter" not in html


def test_json_ld_cannot_close_its_script(client, build, portal_a):
    article = build.article(portal_a, "Titre </script><script>alert(1)</script>")
    html, data = read(client, page_path(article))
    block = html.split('<script type="application/ld+json">', 1)[1]
    block = block.split("</script>", 1)[0]
    assert "<" not in block  # the data cannot end its own script element
    found = [d for d in data["json-ld"] if d.get("@type") == "NewsArticle"]
    assert found[0]["headline"].startswith("Titre")

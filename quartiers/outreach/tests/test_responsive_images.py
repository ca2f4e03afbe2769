"""Every content image is sent at the size of its slot: each <img> of the
pages a visitor reads has srcset, sizes, width and height (WebP renditions
about 360, 720 and 1080 px wide), and only the first image of a page loads
without waiting (the others are lazy)."""

from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from quartiers.core.templatetags.images import candidate_specs

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def images_of(html: str) -> list[dict]:
    parser = _Images()
    parser.feed(html)
    return parser.found


@pytest.fixture
def illustrated(build, one_of_each, portal_a):
    """Photos everywhere a page can show one: articles, ads, blog posts, an
    event, the portal's logo, a show's artwork and a video's poster."""
    one_of_each(2)
    portal_a.logo = build.image(portal_a)
    portal_a.save()
    event = build.event(portal_a, title="Repas partagé")
    event.photo = build.image(portal_a)
    event.save()
    episode = build.episode(portal_a)
    show = episode.get_parent().specific
    show.artwork = build.image(portal_a)
    show.save_revision().publish()
    video = build.video(portal_a)
    video.poster = build.image(portal_a)
    video.save_revision().publish()
    return {"event": event, "show": show, "video": video}


def _pages(portal_a, illustrated):
    from quartiers.portals.features import registry

    urls = ["/alpha/", "/alpha/radio/", illustrated["show"].url, "/alpha/tv/"]
    urls += [f"/alpha/{section.slug}/" for section in registry.sections()]
    # One page of every content kind (article, ad, event, post, episode...).
    for kind in registry.content_kinds():
        for item in kind.published(portal_a)[:3]:
            urls.append(kind.to_item(item).url)
    return list(dict.fromkeys(urls))


def test_every_image_of_the_pages_has_srcset_sizes_and_dimensions(
    client, portal_a, illustrated
):
    seen = 0
    for url in _pages(portal_a, illustrated):
        response = client.get(url)
        assert response.status_code == 200, url
        images = images_of(response.content.decode())
        for img in images:
            for attribute in ("srcset", "sizes", "width", "height", "alt"):
                assert attribute in img, (url, attribute, img)
            assert int(img["width"]) > 0 and int(img["height"]) > 0, (url, img)
            candidates = [c.strip().split() for c in img["srcset"].split(",")]
            assert all(len(c) == 2 and c[1].endswith("w") for c in candidates), img
            if not img["src"].startswith(("http", "/medias/")):
                assert all(".webp" in c[0] for c in candidates), (url, img)
        lazy = [img.get("loading") == "lazy" for img in images]
        if images:
            # The page's first image (its cover, the logo) is not lazy.
            assert not lazy[0], (url, images[0])
        seen += len(images)
    assert seen >= 10


def test_a_phone_gets_a_rendition_near_360_pixels():
    for spec in ("fill-640x400", "width-1200", "max-1200x900", "fill-1200x700"):
        widths = [w for w, _ in candidate_specs(spec)]
        assert widths[0] == 360 and widths == sorted(widths), spec
        assert all("format-webp" in s for _, s in candidate_specs(spec))
    # A logo: one file for ordinary screens, one twice as wide.
    assert [w for w, _ in candidate_specs("fill-160x160")] == [80, 160]
    assert candidate_specs("fill-640x400")[0][1] == "fill-360x225|format-webp"


def test_an_image_whose_rights_were_withdrawn_makes_no_copy(build, portal_a):
    from quartiers.uploads.models import PortalImage

    image = build.image(portal_a, consent="withdrawn")
    if image.publishable:  # consent values differ: withdraw it the model's way
        pytest.fail(f"consent value not understood: {PortalImage.consent}")
    html = Template(
        '{% load images %}{% responsive_image image "fill-640x400" sizes="100vw" %}'
    ).render(Context({"image": image}))
    assert html == ""
    assert not image.renditions.exists()


def test_a_page_drawn_again_reuses_its_image_files(client, portal_a, illustrated):
    """Renditions are made once: a second drawing writes no image file again
    (a selector's prefetched renditions must not hide the WebP ones)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in _pages(portal_a, illustrated):
        client.get(url)
        with CaptureQueriesContext(connection) as again:
            assert client.get(url).status_code == 200
        made = [q["sql"] for q in again.captured_queries if "INSERT" in q["sql"]]
        assert not made, (url, made[:1])

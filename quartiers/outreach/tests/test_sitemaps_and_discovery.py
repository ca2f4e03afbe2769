"""Sitemaps, robots.txt, and the feeds each page announces in its <head>."""

import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from quartiers.portals.exposing import page_path

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locs(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{NS}loc")]


def test_a_portal_sitemap_lists_its_sections_and_public_items_only(
    client, build, portal_a, portal_b
):
    article = build.article(portal_a, "Publié")
    draft = build.article(portal_a, "Brouillon", live=False)
    ad = build.ad(portal_a)
    event = build.event(portal_a)
    other = build.article(portal_b, "Chez Bêta")
    found = locs(client.get("/alpha/sitemap.xml"))
    assert "http://testserver/alpha/" in found
    assert "http://testserver/alpha/journal/" in found
    assert f"http://testserver{page_path(article)}" in found
    assert f"http://testserver/alpha/annonces/{ad.pk}/" in found
    assert f"http://testserver/alpha/agenda/{event.slug}/" in found
    assert f"http://testserver{page_path(draft)}" not in found
    assert f"http://testserver{page_path(other)}" not in found
    assert all(loc.startswith("http://testserver/alpha/") for loc in found)


def test_the_hub_sitemap_is_an_index_of_the_portals_and_the_hub(client, db):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{NS}sitemapindex"
    found = locs(response)
    assert "http://testserver/alpha/sitemap.xml" in found
    assert "http://testserver/beta/sitemap.xml" in found
    hub = locs(client.get(found[0]))
    assert "http://testserver/" in hub
    assert not any("/alpha/" in loc for loc in hub)


def test_a_portal_sitemap_costs_the_same_queries_with_few_or_many_items(
    client, one_of_each, count_queries, settings
):
    settings.QUARTIERS_SITEMAP_CACHE_SECONDS = 0  # count the work, not the cache
    one_of_each(1)
    few = count_queries(client, "/alpha/sitemap.xml")
    one_of_each(4)
    assert count_queries(client, "/alpha/sitemap.xml") == few


def test_robots_txt_opens_the_public_pages_and_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "User-agent: *" in text
    for private in ("/admin/", "/compte/", "/reactions/", "/oembed/", "/*/widgets/*/"):
        assert f"Disallow: {private}\n" in text
    assert "Disallow: /\n" not in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def render_links(path, portal, **context):
    request = RequestFactory().get(path)
    request.portal = portal
    request.portal_root = f"/{portal.slug}/" if portal else "/"
    return Template("{% load outreach_tags %}{% feed_links %}").render(
        Context({"request": request, **context})
    )


def test_every_page_announces_the_portal_feed_in_rss_and_atom(portal_a):
    html = render_links("/alpha/", portal_a)
    assert 'type="application/rss+xml"' in html
    assert 'href="/alpha/rss.xml"' in html
    assert 'href="/alpha/atom.xml"' in html


def test_section_pages_announce_their_own_feed_first(portal_a):
    html = render_links("/alpha/journal/un-article/", portal_a)
    assert html.index("/alpha/journal/rss.xml") < html.index('"/alpha/rss.xml"')
    assert "/alpha/agenda/rss.xml" in render_links("/alpha/agenda/", portal_a)


def test_filtered_lists_announce_the_filtered_feed(build, portal_a, resident_a):
    from quartiers.newsroom.models import Rubrique

    rubrique = Rubrique.objects.get(portal=portal_a, slug="portraits")
    html = render_links("/alpha/journal/", portal_a, current_rubrique=rubrique)
    assert "/alpha/journal/rubriques/portraits/rss.xml" in html
    html = render_links("/alpha/annonces/", portal_a, kind="don", kind_label="Don")
    assert "/alpha/annonces/don/rss.xml" in html
    blog = build.blog(portal_a, resident_a, "Carnet")
    html = render_links(page_path(blog), portal_a, page=blog)
    assert f"/alpha/blogs/{blog.slug}/rss.xml" in html
    actor = build.actor(portal_a, "Centre social")
    html = render_links(f"/alpha/acteurs/{actor.slug}/", portal_a, actor=actor)
    assert f"/alpha/acteurs/{actor.slug}/rss.xml" in html


def test_a_switched_off_section_announces_no_feed(portal_a):
    portal_a.enabled_sections = [s for s in portal_a.enabled_sections if s != "agenda"]
    assert "/alpha/agenda/rss.xml" not in render_links("/alpha/agenda/", portal_a)


def test_the_hub_announces_the_network_feed(db):
    request = RequestFactory().get("/")
    request.portal, request.portal_root = None, "/"
    html = Template("{% load outreach_tags %}{% feed_links %}").render(
        Context({"request": request})
    )
    assert 'href="/rss.xml"' in html


def test_announcing_feeds_costs_no_query(portal_a, django_assert_num_queries):
    with django_assert_num_queries(0):
        render_links("/alpha/journal/", portal_a)

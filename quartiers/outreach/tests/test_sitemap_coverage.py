"""Sitemaps list every public page and nothing private: each address they
give opens for an anonymous visitor, and every public page of the portal's
tree (shows, blog homes...), past events, the archives and the privacy page
are listed; guides kept for animators are not."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from wagtail.models import Page

from quartiers.portals.exposing import page_path
from quartiers.portals.selectors import in_subtree

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locs(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]


@pytest.fixture
def uncached(settings):
    settings.QUARTIERS_SITEMAP_CACHE_SECONDS = 0


@pytest.fixture
def site(build, portal_a, resident_a, uncached):
    from quartiers.agenda.models import Event
    from quartiers.toolkit import services
    from quartiers.toolkit.models import GuidePage

    made = {
        "article": build.article(portal_a, "Publié"),
        "episode": build.episode(portal_a),
        "blog": build.blog(portal_a, resident_a, "Mon blog"),
        "event": build.event(portal_a, "Fête passée"),
    }
    past = timezone.now() - timedelta(days=30)
    Event.objects.filter(pk=made["event"].pk).update(
        start=past, end=past + timedelta(hours=2), finishes_at=past + timedelta(hours=2)
    )
    made["event"] = Event.objects.get(pk=made["event"].pk)
    made["show"] = made["episode"].show
    guides = {}
    for audience in (GuidePage.AUDIENCE_PUBLIC, "animateurs"):
        guide = GuidePage(
            title=f"Guide {audience}",
            summary="Résumé.",
            audience=audience,
            topic="ecrire",
            body=json.dumps([{"type": "paragraph", "value": "<p>Texte.</p>"}]),
        )
        services.toolkit_index().add_child(instance=guide)
        guide.save_revision().publish()
        guides[audience] = guide
    made["guides"] = guides
    return made


def test_every_listed_address_opens_for_an_anonymous_visitor(client, site):
    index = locs(client, "/sitemap.xml")
    for sitemap in index:
        for loc in locs(client, urlsplit(sitemap).path):
            response = client.get(urlsplit(loc).path)
            assert response.status_code == 200, loc


def test_every_public_page_of_the_portal_is_listed(client, site, portal_a):
    found = {urlsplit(loc).path for loc in locs(client, "/alpha/sitemap.xml")}
    home = portal_a.home_page
    for page in Page.objects.live().public().filter(in_subtree(home.path)):
        path = page_path(page)
        if client.get(path).status_code == 200:
            assert path in found, path
    for path in (
        page_path(site["show"]),
        page_path(site["blog"]),
        f"/alpha/agenda/{site['event'].slug}/",
        "/alpha/agenda/archives/",
        "/alpha/confidentialite/",
    ):
        assert path in found, path


def test_guides_kept_for_animators_stay_out(client, site):
    hub = {urlsplit(loc).path for loc in locs(client, "/sitemap-reseau.xml")}
    assert page_path(site["guides"]["public"]) in hub
    assert page_path(site["guides"]["animateurs"]) not in hub

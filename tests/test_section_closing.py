"""Closing a section closes every page of it, on every surface.

One test per registered section (a new section is tested without a line
here): with something public in it, the section switched off leaves no page
below it answering, nothing of it in the portal's sitemap or search, and the
other portal's same section untouched.
"""

import pytest
from wagtail.models import Page

from quartiers.portals.features import registry

from .test_visibility import FACTORIES, _public_item

pytestmark = pytest.mark.django_db


def _section_page(portal, section):
    return portal.home_page.get_children().get(slug=section.slug)


def _addresses(client, portal, section) -> list[str]:
    """Every public address of the section: its pages and its items."""
    urls = set()
    root = _section_page(portal, section)
    for page in Page.objects.live().descendant_of(root, inclusive=True).specific():
        url = page.get_url()
        if url:
            urls.add(url)
    return sorted(urls)


@pytest.fixture
def no_feed_cache(settings):
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0


@pytest.mark.parametrize("section_key", [s.key for s in registry.sections()])
def test_closing_a_section_closes_its_pages(
    client, portal_a, portal_b, resident_a, resident_b, no_feed_cache, section_key
):
    section = registry.section(section_key)
    items = []
    for kind in registry.content_kinds():
        if kind.section_key == section_key and kind.key in FACTORIES:
            items.append(_public_item(kind.key, portal_a, resident_a))
            _public_item(kind.key, portal_b, resident_b)
    urls = _addresses(client, portal_a, section) + [item.url for item in items]
    urls = sorted(set(urls))
    for url in urls:
        assert client.get(url).status_code == 200, f"{url} should be public first"

    portal_a.enabled_sections = [
        key for key in portal_a.enabled_sections if key != section_key
    ]
    portal_a.save(update_fields=["enabled_sections"])

    still_open = [url for url in urls if client.get(url).status_code != 404]
    assert not still_open, f"{section_key} is closed but these answer: {still_open}"
    sitemap = client.get(f"/{portal_a.slug}/sitemap.xml").content.decode()
    assert not [url for url in urls if url in sitemap]
    for item in items:
        found = client.get(f"/{portal_a.slug}/recherche/", {"q": item.title})
        assert item.url not in found.content.decode()
    # The other portal keeps its section.
    assert client.get(f"/{portal_b.slug}/{section.slug}/").status_code == 200

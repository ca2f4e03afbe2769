"""An episode follows its show: a show taken offline takes its episodes off
every surface (the episode page, the radio's lists, the portal home, the
API, the radio's feeds and podcast, the widgets, oEmbed, search, sitemaps),
as a blog does with its posts."""

import pytest
from django.core.cache import caches

from tests.test_visibility import SURFACES, _public_item

pytestmark = pytest.mark.django_db

SHOWN = (
    "page", "section_index", "portal_home", "api_list", "api_network_list",
    "api_detail", "portal_feed", "network_feed", "section_feed", "podcast_feed",
    "widget_list", "widget_card", "oembed", "search", "network_search", "sitemap",
)  # fmt: skip


def test_episodes_of_an_unpublished_show_leave_every_surface(
    client, portal_a, resident_a, settings
):
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0
    item = _public_item("episode", portal_a, resident_a)
    shown = [name for name in SHOWN if SURFACES[name](client, portal_a, item)]
    assert shown == list(SHOWN)

    show = item.obj.get_parent().specific
    show.unpublish()
    for cache in caches.all():
        cache.clear()

    leaks = [name for name in SHOWN if SURFACES[name](client, portal_a, item)]
    assert leaks == []
    assert client.get(f"{item.url}chapitres.json").status_code == 404
    show_path = item.url.rsplit("/", 2)[0] + "/"
    assert client.get(f"{show_path}podcast.xml").status_code == 404

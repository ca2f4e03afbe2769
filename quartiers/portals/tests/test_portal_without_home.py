"""A portal whose home page is gone (deleted in the admin: the key is set to
null) reads as empty, on every read path that starts from the home page."""

from datetime import date

import pytest

from quartiers.blogs import selectors as blogs
from quartiers.classifieds import selectors as classifieds
from quartiers.directory import selectors as directory
from quartiers.moderation import selectors as moderation
from quartiers.newsroom import selectors as newsroom
from quartiers.portals import visibility
from quartiers.tv import selectors as tv

pytestmark = pytest.mark.django_db

READS = {
    "blog index": lambda portal: blogs.blog_index_of(portal),
    "classifieds index": lambda portal: classifieds.index_page_of(portal),
    "journal": lambda portal: newsroom.journal_of(portal),
    "articles": lambda portal: list(newsroom.live_articles(portal)),
    "videos": lambda portal: list(tv.live_videos(portal)),
    "stale practical infos": lambda portal: directory.stale_practical_infos(
        portal, today=date.today()
    ),
}


@pytest.fixture
def homeless_portal(portal_a):
    from quartiers.portals.models import Portal

    Portal.objects.filter(pk=portal_a.pk).update(home_page=None)
    return Portal.objects.get(pk=portal_a.pk)


@pytest.mark.parametrize("name", sorted(READS))
def test_reads_of_a_portal_without_home_page_are_empty(name, homeless_portal):
    assert not READS[name](homeless_portal)


def test_a_portal_without_home_page_shows_no_section(homeless_portal):
    assert not visibility.section_shown(homeless_portal, "tv")
    assert not visibility.section_shown(None, "tv")


def test_the_moderation_queue_skips_a_portal_without_home_page(
    homeless_portal, animator_a
):
    queue = moderation.moderation_queue(user=animator_a)
    assert isinstance(queue, dict)

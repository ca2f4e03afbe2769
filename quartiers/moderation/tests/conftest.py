"""Any page below a section can be reported; until the newsroom's articles
land, a plain Wagtail page under the journal stands for an article."""

import pytest
from wagtail.models import Page

from quartiers.comments.tests.conftest import journal_a, journal_b  # noqa: F401


def _article(portal, owner, title):
    journal = portal.home_page.get_children().get(slug="journal")
    page = journal.add_child(
        instance=Page(title=title, slug=title.lower().replace(" ", "-"), owner=owner)
    )
    page.save_revision(user=owner).publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def article_a(portal_a, resident_a):
    return _article(portal_a, resident_a, "Fete des voisins")


@pytest.fixture
def article_b(portal_b, resident_b):
    return _article(portal_b, resident_b, "Brocante du dimanche")

"""What waits for review is found in the same number of queries whatever the
number of portals (each portal has its own review task; Wagtail asked each of
them in turn), and still only for the person's own portals."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import TaskState

from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.newsroom.models import ArticlePage
from quartiers.portals import services

pytestmark = pytest.mark.django_db


def _dashboard_queries(client) -> int:
    client.get("/admin/")  # warm what Wagtail caches once
    with CaptureQueriesContext(connection) as context:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(context.captured_queries)


def _in_review(portal, title, author):
    page = ArticlePage(
        title=title,
        chapo=f"Chapeau de {title}",
        body=json.dumps([{"type": "paragraph", "value": f"<p>{title}.</p>"}]),
        owner=author,
    )
    newsroom_selectors.journal_of(portal).add_child(instance=page)
    revision = page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return page, revision


@pytest.mark.parametrize("who", ["animator_a", "coordinator"])
def test_the_dashboard_costs_the_same_with_more_portals(
    request, staff_client, portal_a, portal_b, who
):
    client = staff_client(request.getfixturevalue(who))
    two = _dashboard_queries(client)
    for number in range(3):
        services.portal_create(
            actor=None, slug=f"revue-{number}", name=f"Revue {number}", town="Bondy"
        )
    assert _dashboard_queries(client) == two


def test_each_animator_reviews_only_their_portals_pages(
    portal_a, portal_b, animator_a, animator_b, coordinator, resident_a, resident_b
):
    mine, _ = _in_review(portal_a, "La fresque du préau", resident_a)
    theirs, _ = _in_review(portal_b, "Le tournoi de foot", resident_b)

    def titles(user):
        states = TaskState.objects.reviewable_by(user)
        return {state.revision.object_str for state in states}

    assert titles(animator_a) == {"La fresque du préau"}
    assert titles(animator_b) == {"Le tournoi de foot"}
    assert titles(coordinator) == {"La fresque du préau", "Le tournoi de foot"}
    assert titles(resident_a) == set()

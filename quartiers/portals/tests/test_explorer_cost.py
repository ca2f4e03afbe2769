"""The admin's page explorer lists the network's portals: each portal row
must not cost a query per section kind (Wagtail asks every section kind of
every row whether one more may be added)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartiers.newsroom.models import JournalIndexPage
from quartiers.portals import services
from quartiers.portals.models import PortalHomePage

pytestmark = pytest.mark.django_db


def _explorer_queries(client, hub_id) -> int:
    url = f"/admin/pages/{hub_id}/"
    client.get(url)  # warm what Wagtail caches once
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_hub_explorer_costs_at_most_one_query_per_portal_row(
    staff_client, coordinator, portal_a
):
    client = staff_client(coordinator)
    hub_id = portal_a.home_page.get_parent().pk
    two = _explorer_queries(client, hub_id)
    for number in range(3):
        services.portal_create(
            actor=None, slug=f"rangee-{number}", name=f"Rangée {number}", town="Bondy"
        )
    five = _explorer_queries(client, hub_id)
    # Three more rows; before, each cost a dozen counts (one per section).
    assert five - two <= 3


def test_a_section_is_still_offered_only_where_it_is_missing(portal_a):
    home = PortalHomePage.objects.get(pk=portal_a.home_page_id)
    assert not JournalIndexPage.can_create_at(home)
    JournalIndexPage.objects.child_of(home).get().delete()
    # The same instance reads its children again once they changed.
    home.refresh_from_db()
    assert JournalIndexPage.can_create_at(home)
    assert JournalIndexPage.can_create_at(
        PortalHomePage.objects.get(pk=portal_a.home_page_id)
    )

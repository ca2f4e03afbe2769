"""The coordination's list of portals stays one page long at 1,500 portals:
paginated and searchable; an animator of one portal goes straight to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartiers.portals import selectors
from quartiers.portals.models import Portal

pytestmark = pytest.mark.django_db

URL = "/admin/quartiers/"


def _more_portals(count):
    # Rows only: the list reads names and towns, not the pages.
    Portal.objects.bulk_create(
        Portal(slug=f"cite-{n:03d}", name=f"Cité {n:03d}", town="Sevran")
        for n in range(count)
    )


def test_the_list_is_paginated_and_costs_the_same_per_page(
    staff_client, coordinator, portal_a, portal_b, monkeypatch
):
    monkeypatch.setattr(selectors, "ADMIN_PORTALS_PER_PAGE", 5)
    client = staff_client(coordinator)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    _more_portals(12)
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "14 quartiers" in html
    assert "Page 1 sur 3" in html
    assert html.count("Réglages</a>") == 5
    last = client.get(URL + "?page=3").content.decode()
    assert last.count("Réglages</a>") == 4
    assert client.get(URL + "?page=abc").status_code == 200


def test_the_coordination_finds_a_portal_by_name_or_town(
    staff_client, coordinator, portal_a, portal_b
):
    _more_portals(3)
    client = staff_client(coordinator)
    html = client.get(URL, {"q": portal_a.name}).content.decode()
    assert "1 quartier" in html and portal_a.name in html
    assert "Cité 001" not in html
    assert "3 quartiers" in client.get(URL, {"q": "sevran"}).content.decode()
    none = client.get(URL, {"q": "Atlantide"}).content.decode()
    assert "Aucun quartier ne correspond à cette recherche." in none


def test_an_animator_lists_only_their_portal(
    staff_client, animator_a, portal_a, portal_b
):
    client = staff_client(animator_a)
    answer = client.get(URL)
    assert answer.status_code == 302
    assert answer["Location"].endswith(f"/admin/quartiers/{portal_a.pk}/reglages/")
    html = client.get(URL, {"q": portal_b.name}).content.decode()
    assert "Aucun quartier ne correspond à cette recherche." in html
    assert f"/admin/quartiers/{portal_b.pk}/" not in html

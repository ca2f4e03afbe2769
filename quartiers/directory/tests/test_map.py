"""The map page is a list of addresses first; the map only enhances it."""

import json
import re
from decimal import Decimal

import pytest

from quartiers.directory.models import LocalActor

pytestmark = pytest.mark.django_db


def _island(html):
    match = re.search(
        r'<script id="actor-map-data" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert match, "no JSON island"
    return json.loads(match.group(1))


def test_map_page_lists_addresses_and_marks_only_published_with_coordinates(
    client, portal_a, portal_b, make_actor
):
    make_actor(
        portal_a,
        "Mairie annexe",
        latitude=Decimal("48.90770"),
        longitude=Decimal("2.43970"),
    )
    make_actor(portal_a, "Sans coordonnées", address="5 rue Paul-Éluard")
    make_actor(
        portal_a,
        "Suggestion",
        status=LocalActor.SUGGESTED,
        latitude=Decimal("48.9"),
        longitude=Decimal("2.4"),
    )
    make_actor(
        portal_b, "Acteur de Bêta", latitude=Decimal("48.9"), longitude=Decimal("2.4")
    )

    html = client.get("/alpha/acteurs/carte/").content.decode()

    # The list works without JavaScript.
    assert "Mairie annexe" in html and "Sans coordonnées" in html
    assert "5 rue Paul-Éluard" in html
    assert "Suggestion" not in html.split('id="actor-map-data"')[0]
    # The map is an enhancement with an accessible name, hidden until JS runs.
    assert 'id="actor-map"' in html and "aria-label=" in html
    assert "tile.openstreetmap.org" in html  # the note about the one external request
    markers = _island(html)
    assert [m["name"] for m in markers] == ["Mairie annexe"]
    assert markers[0]["url"] == "/alpha/acteurs/mairie-annexe/"
    assert markers[0]["lat"] == pytest.approx(48.9077)
    # Leaflet is served from our own static files, never from a CDN.
    assert "/static/directory/leaflet/leaflet.js" in html
    assert "unpkg" not in html and "cdn" not in html.lower()


def test_names_in_the_island_cannot_close_the_script(client, portal_a, make_actor):
    make_actor(
        portal_a,
        "</script><script>alert(1)</script>",
        slug="piege",
        latitude=Decimal("48.9"),
        longitude=Decimal("2.4"),
    )
    html = client.get("/alpha/acteurs/carte/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert _island(html)[0]["name"] == "</script><script>alert(1)</script>"


def test_no_coordinates_no_map_and_no_script(client, portal_a, make_actor):
    make_actor(portal_a, "Sans coordonnées")
    html = client.get("/alpha/acteurs/carte/").content.decode()
    assert "Sans coordonnées" in html
    assert 'id="actor-map"' not in html
    assert "leaflet.js" not in html


def test_vendored_leaflet_is_present_with_its_licence():
    from django.contrib.staticfiles import finders

    for name in (
        "directory/leaflet/leaflet.js",
        "directory/leaflet/leaflet.css",
        "directory/leaflet/LICENSE",
        "directory/leaflet/images/marker-icon.png",
        "directory/map.js",
    ):
        assert finders.find(name), name

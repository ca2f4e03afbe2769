"""A portal that is not opened yet (``Portal.is_open``) appears on no hub
surface: the list and the map of portals, the highlights, the next events,
the choice of a neighbourhood at sign-up and the API's list of portals. Each
is checked with the portal opened first, so the test sees it leave."""

import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from quartiers.network import services
from quartiers.network.models import Share
from quartiers.portals.models import Portal

pytestmark = pytest.mark.django_db


def _hub_surfaces(client) -> dict[str, str]:
    cache.clear()  # the hub is cached; opening a portal is the coordinator's act
    html = client.get("/").content.decode()
    portals = html.split('id="portals-title"')[1].split("</section>")[0]
    markers = re.search(
        r'<script id="hub-map-data" type="application/json">(.*?)</script>', html
    )
    highlights = html.split('id="network-events-title"')[0]
    events = html.split('id="network-events-title"')[1].split("</section>")[0]
    signup = client.get("/compte/signup/").content.decode()
    api = client.get("/api/v1/portals").json()
    return {
        "list": re.sub(
            r'<script id="hub-map-data".*?</script>', "", portals, flags=re.S
        ),
        "map": json.dumps(json.loads(markers.group(1)) if markers else []),
        "highlights": highlights.split('id="highlights-title"')[-1]
        if 'id="highlights-title"' in highlights
        else "",
        "events": events,
        "signup": signup.split('name="portal"')[1].split("</select>")[0],
        "api": json.dumps([item["slug"] for item in api["results"]]),
    }


def test_an_unopened_portal_is_on_no_hub_surface(
    client, portal_a, portal_b, animator_b, publish_article, make_event
):
    Portal.objects.filter(pk__in=[portal_a.pk, portal_b.pk]).update(
        latitude=Decimal("48.99680"), longitude=Decimal("2.37860")
    )
    article = publish_article(portal_b, "Le marché de Bêta en photos")
    services.share_create(
        portal=portal_b,
        actor=animator_b,
        item=article,
        network=True,
        audience=Share.AUDIENCE_PUBLIC,
    )
    make_event(portal_b, "Tournoi de foot Bêta")

    opened = _hub_surfaces(client)
    assert 'href="/beta/"' in opened["list"]
    assert '"/beta/"' in opened["map"]
    assert "Le marché de Bêta en photos" in opened["highlights"]
    assert "Tournoi de foot Bêta" in opened["events"]
    assert "Quartier Bêta" in opened["signup"]
    assert '"beta"' in opened["api"]

    Portal.objects.filter(pk=portal_b.pk).update(is_open=False)
    closed = _hub_surfaces(client)
    for surface, text in closed.items():
        assert "beta" not in text.lower() and "bêta" not in text.lower(), surface
    # Portal A is still everywhere it can be.
    assert 'href="/alpha/"' in closed["list"] and '"/alpha/"' in closed["map"]
    assert "Quartier Alpha" in closed["signup"] and '"alpha"' in closed["api"]

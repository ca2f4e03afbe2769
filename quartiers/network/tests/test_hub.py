"""The network hub at /: every portal on a map and as a list, the network's
highlights, the next events of every portal, and a network-wide search."""

import json
import re
from decimal import Decimal

import pytest

from quartiers.agenda.tests.conftest import bulk_events
from quartiers.network import services
from quartiers.network.models import Share
from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.newsroom.models import ArticlePage
from quartiers.portals.models import Portal
from tests.factories import bulk_articles

pytestmark = pytest.mark.django_db


def _hub(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _markers(html: str) -> list[dict]:
    found = re.search(
        r'<script id="hub-map-data" type="application/json">(.*?)</script>', html
    )
    return json.loads(found.group(1)) if found else []


def test_the_hub_lists_every_portal_and_maps_the_ones_with_a_position(
    client, portal_a, portal_b
):
    Portal.objects.filter(pk=portal_a.pk).update(
        latitude=Decimal("48.90770"), longitude=Decimal("2.43970")
    )
    html = _hub(client)
    # The list works without JavaScript and without map tiles.
    assert 'href="/alpha/"' in html and 'href="/beta/"' in html
    assert "2 quartiers dans le réseau" in html
    # The map is an enhancement: hidden until the script shows it.
    assert 'id="hub-map"' in html and "hidden" in html.split('id="hub-map"')[1][:300]
    assert "/static/directory/leaflet/leaflet.js" in html
    assert "/static/directory/map.js" in html
    assert _markers(html) == [
        {
            "name": "Quartier Alpha",
            "town": "Bobigny",
            "url": "/alpha/",
            "lat": 48.9077,
            "lon": 2.4397,
        }
    ]


def test_without_any_position_the_hub_loads_no_map_at_all(client, portal_a):
    html = _hub(client)
    assert 'id="hub-map"' not in html
    assert "leaflet.js" not in html


def test_the_hub_offers_the_network_wide_search(client, db):
    html = _hub(client)
    assert 'action="/recherche/"' in html
    assert 'name="q"' in html and 'role="search"' in html


def test_highlights_are_the_pieces_shared_with_the_public(
    client, portal_a, portal_b, animator_a, publish_article, make_event
):
    public = publish_article(portal_a, "Un portrait pour tout le monde")
    network_only = publish_article(portal_a, "Entre équipes d'animation")
    event = make_event(portal_a, "Ciné plein air")
    for item, audience in (
        (public, Share.AUDIENCE_PUBLIC),
        (network_only, Share.AUDIENCE_NETWORK),
        (event, Share.AUDIENCE_PUBLIC),
    ):
        services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=item,
            targets=[portal_b.pk],
            audience=audience,
        )
    html = _hub(client)
    highlights = html.split('id="highlights-title"')[1].split("</section>")[0]
    assert "Un portrait pour tout le monde" in highlights
    assert f'href="{public.url}"' in highlights
    assert 'href="/alpha/agenda/cine-plein-air/"' in highlights
    assert "Publié par <strong>Quartier Alpha</strong>" in highlights
    assert "Entre équipes d'animation" not in html


def test_a_withdrawn_or_unpublished_highlight_leaves_the_hub(
    client, portal_a, portal_b, animator_a, publish_article
):
    withdrawn = publish_article(portal_a, "Partage retiré")
    unpublished = publish_article(portal_a, "Article dépublié")
    shares = [
        services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=item,
            network=True,
            audience=Share.AUDIENCE_PUBLIC,
        )
        for item in (withdrawn, unpublished)
    ]
    assert "Partage retiré" in _hub(client) and "Article dépublié" in _hub(client)
    services.share_withdraw(portal=portal_a, actor=animator_a, share_id=shares[0].pk)
    unpublished.unpublish()
    html = _hub(client)
    assert "Partage retiré" not in html and "Article dépublié" not in html
    assert 'id="highlights-title"' not in html


def test_the_hub_shows_the_next_events_of_every_portal(
    client, portal_a, portal_b, make_event
):
    make_event(portal_a, "Fête de quartier Alpha", days=2)
    make_event(portal_b, "Tournoi de foot Bêta", days=4)
    html = _hub(client)
    events = html.split('id="network-events-title"')[1].split("</section>")[0]
    assert events.index("Fête de quartier Alpha") < events.index("Tournoi de foot Bêta")
    assert 'href="/alpha/agenda/fete-de-quartier-alpha/"' in events
    assert 'href="/beta/agenda/tournoi-de-foot-beta/"' in events
    assert "Quartier Bêta (Sarcelles)" in events


def test_a_portal_that_closed_its_agenda_shows_no_event_on_the_hub(
    client, portal_a, portal_b, make_event
):
    make_event(portal_b, "Événement caché")
    portal_b.enabled_sections = [s for s in portal_b.enabled_sections if s != "agenda"]
    portal_b.save(update_fields=["enabled_sections"])
    assert "Événement caché" not in _hub(client)


@pytest.mark.slow
def test_the_hub_costs_the_same_with_few_and_many_shares_and_events(
    client, portal_a, portal_b, animator_a, publish_article, make_event, count_queries
):
    services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=publish_article(portal_a, "Premier"),
        network=True,
        audience=Share.AUDIENCE_PUBLIC,
    )
    make_event(portal_b, "Premier événement")
    few = count_queries("/")
    pages = bulk_articles(newsroom_selectors.journal_of(portal_a), 40, start=200)
    for page in ArticlePage.objects.filter(pk__in=[p.pk for p in pages]):
        services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=page,
            network=True,
            audience=Share.AUDIENCE_PUBLIC,
        )
    for event in bulk_events(portal_a, 30)[:10]:
        services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=event,
            targets=[portal_b.pk],
            audience=Share.AUDIENCE_PUBLIC,
        )
    bulk_events(portal_b, 30, prefix="beta")
    assert count_queries("/") == few

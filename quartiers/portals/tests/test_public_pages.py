import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from quartiers.portals import services
from quartiers.portals.features import registry
from quartiers.portals.models import Portal

pytestmark = pytest.mark.django_db


def test_hub_lists_every_portal_with_a_link_to_its_home(client, portal_a, portal_b):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert 'href="/alpha/"' in html and 'href="/beta/"' in html
    assert "Quartier Alpha" in html and "Sarcelles" in html


def test_portal_home_shows_its_own_sections_only(client, portal_a):
    response = client.get("/alpha/")
    html = response.content.decode()
    assert response.status_code == 200
    for section in registry.sections():
        assert f'href="/alpha/{section.slug}/"' in html
    assert "Quartier Bêta" not in html
    assert f"--primary:{portal_a.primary_color}" in html


@pytest.mark.parametrize("section", registry.sections(), ids=lambda s: s.key)
def test_each_section_exists_with_a_kind_empty_state(client, portal_a, section):
    response = client.get(f"/alpha/{section.slug}/")
    assert response.status_code == 200
    assert escape(str(section.empty_message)) in response.content.decode()


def test_switched_off_section_disappears_and_answers_404(client, portal_a, animator_a):
    keys = [key for key in portal_a.enabled_sections if key != "radio"]
    services.portal_update(portal=portal_a, actor=animator_a, enabled_sections=keys)

    assert client.get("/alpha/radio/").status_code == 404
    assert 'href="/alpha/radio/"' not in client.get("/alpha/").content.decode()
    assert client.get("/beta/radio/").status_code == 200


def test_unknown_portal_gets_a_french_404_in_the_network_look(client):
    response = client.get("/quartier-inconnu/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page introuvable" in html
    assert "Avis de Quartiers" in html
    assert 'href="/"' in html


def test_section_slug_cannot_be_renamed(portal_a):
    from django.core.exceptions import ValidationError

    page = portal_a.home_page.get_children().get(slug="journal").specific
    page.slug = "actus"
    with pytest.raises(ValidationError):
        page.full_clean()


def _count_queries(client, url):
    client.get(url)  # warm caches and create renditions once
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.slow
def test_hub_and_portal_home_cost_the_same_queries_with_9_and_200_portals(
    client, coordinator
):
    from quartiers.accounts.models import Membership

    def add_portals(prefix, how_many):
        for number in range(how_many):
            portal = services.portal_create(
                actor=coordinator,
                slug=f"{prefix}-{number}",
                name=f"Quartier {prefix} {number}",
                town="Ville",
            )
            # Listed on the hub: it has an animator and is open.
            Membership.objects.create(
                user=coordinator, portal=portal, role=Membership.ANIMATOR
            )
            Portal.objects.filter(pk=portal.pk).update(is_open=True)

    add_portals("petit", 7)
    assert Portal.objects.count() == 9
    hub_small = _count_queries(client, "/")
    home_small = _count_queries(client, "/alpha/")

    add_portals("grand", 191)
    assert Portal.objects.count() == 200
    hub_large = _count_queries(client, "/")
    home_large = _count_queries(client, "/alpha/")

    assert hub_small == hub_large
    assert home_small == home_large
    # Portals, their logos, map markers, shared highlights, network events.
    assert hub_large <= 12
    assert home_large <= 35  # a block from every section
    assert "Page 2 sur 5" in client.get("/?page=2").content.decode()

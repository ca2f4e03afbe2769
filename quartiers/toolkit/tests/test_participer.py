"""Residents find the public guides and templates from /<p>/participer/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartiers.toolkit.models import GuidePage

pytestmark = pytest.mark.django_db

LIST = "/alpha/participer/guides/"


def test_participer_links_to_the_guides(client, portal_a):
    html = client.get("/alpha/participer/").content.decode()
    assert LIST in html
    assert "Guides et modèles pour participer" in html


def test_guides_list_shows_public_guides_and_resident_templates_only(
    client, make_guide, make_template
):
    podcast = make_guide("Enregistrer un podcast avec un téléphone")
    make_guide("Animer un comité de rédaction", audience=GuidePage.AUDIENCE_ANIMATORS)
    resident_template = make_template("Annonce d'événement")
    make_template("Revue de presse", for_residents=False)
    html = client.get(LIST).content.decode()
    assert "Enregistrer un podcast avec un téléphone" in html
    assert f"{LIST}{podcast.slug}/" in html
    assert "Animer un comité de rédaction" not in html
    assert f"/alpha/participer/proposer/?modele={resident_template.pk}" in html
    assert "Revue de presse" not in html


def test_a_public_guide_reads_inside_the_portal(client, make_guide):
    guide = make_guide("Filmer avec un téléphone", text="Tenez-le à l'horizontale.")
    response = client.get(f"{LIST}{guide.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Tenez-le à l&#x27;horizontale." in html or "Tenez-le à l'horizontale." in html
    )
    assert "Quartier Alpha" in html  # the portal's own header


def test_animator_guides_and_unknown_slugs_are_404_there(client, make_guide):
    guide = make_guide("Modérer", audience=GuidePage.AUDIENCE_ANIMATORS)
    assert client.get(f"{LIST}{guide.slug}/").status_code == 404
    assert client.get(f"{LIST}nexiste-pas/").status_code == 404


def test_guides_list_costs_the_same_queries_with_many_guides(
    client, make_guide, make_template
):
    make_guide("Guide 1")
    make_template()
    client.get(LIST)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    small = count()
    for number in range(2, 12):
        make_guide(f"Guide {number}")
        make_template(f"Modèle {number}")
    assert count() == small


def test_section_switched_off_hides_the_guides(client, portal_a, make_guide):
    make_guide("Mener une interview")
    portal_a.enabled_sections = [
        s for s in portal_a.enabled_sections if s != "participer"
    ]
    portal_a.save()
    assert client.get(LIST).status_code == 404

"""Who reads which guide and template: public ones for everybody, the others
for animators and coordinators only."""

import pytest

from quartiers.toolkit.models import GuidePage

pytestmark = pytest.mark.django_db

ANIMATORS = GuidePage.AUDIENCE_ANIMATORS


def test_toolkit_lives_at_its_reserved_address_under_the_hub(client, toolkit):
    assert toolkit.url == "/boite-a-outils/"
    assert client.get("/boite-a-outils/").status_code == 200


def test_public_guide_is_open_to_visitors(client, make_guide):
    guide = make_guide("Mener une interview", text="Posez des questions ouvertes.")
    response = client.get(guide.url)
    assert response.status_code == 200
    assert "Posez des questions ouvertes." in response.content.decode()


def test_animator_guide_sends_visitors_to_login(client, make_guide):
    guide = make_guide("Modérer avec bienveillance", audience=ANIMATORS)
    response = client.get(guide.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_animator_guide_is_a_404_for_residents(client, resident_a, make_guide):
    guide = make_guide("Modérer avec bienveillance", audience=ANIMATORS)
    client.force_login(resident_a)
    assert client.get(guide.url).status_code == 404


def test_animator_guide_is_read_by_animators_and_never_cached_publicly(
    client, animator_b, coordinator, make_guide
):
    guide = make_guide(
        "Modérer avec bienveillance", audience=ANIMATORS, text="Expliquez vos refus."
    )
    for person in (animator_b, coordinator):
        client.force_login(person)
        response = client.get(guide.url)
        assert response.status_code == 200
        assert "Expliquez vos refus." in response.content.decode()
        assert "private" in response["Cache-Control"]


def test_index_hides_animator_guides_from_visitors_and_residents(
    client, resident_a, make_guide
):
    make_guide("Filmer avec un téléphone")
    make_guide("Faire vivre les petites annonces", audience=ANIMATORS)
    for person in (None, resident_a):
        if person:
            client.force_login(person)
        html = client.get("/boite-a-outils/").content.decode()
        assert "Filmer avec un téléphone" in html
        assert "Faire vivre les petites annonces" not in html


def test_index_shows_everything_to_animators(client, animator_a, make_guide):
    make_guide("Filmer avec un téléphone")
    make_guide("Faire vivre les petites annonces", audience=ANIMATORS)
    client.force_login(animator_a)
    html = client.get("/boite-a-outils/").content.decode()
    assert "Filmer avec un téléphone" in html
    assert "Faire vivre les petites annonces" in html


def test_animators_only_template_is_hidden_from_residents(
    client, resident_a, animator_a, make_template
):
    template = make_template("Revue de presse", for_residents=False)
    assert "Revue de presse" not in client.get("/boite-a-outils/").content.decode()
    client.force_login(resident_a)
    assert client.get(template.url).status_code == 404
    client.force_login(animator_a)
    assert client.get(template.url).status_code == 200


def test_template_page_offers_each_person_what_they_may_do(
    client, resident_a, animator_a, portal_a, make_template
):
    template = make_template()
    client.force_login(resident_a)
    html = client.get(template.url).content.decode()
    assert f"/alpha/participer/proposer/?modele={template.pk}" in html
    assert "Commencer un article à partir de ce modèle" not in html

    client.force_login(animator_a)
    html = client.get(template.url).content.decode()
    assert "Commencer un article à partir de ce modèle" in html
    assert f'name="portal" value="{portal_a.pk}"' in html
    assert "?modele=" not in html  # they start a draft, not a resident's proposal


def test_index_costs_the_same_queries_with_many_guides(
    client, make_guide, make_template, django_assert_num_queries
):
    make_guide("Guide 1")
    make_template()
    client.get("/boite-a-outils/")  # warm the site root cache

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/boite-a-outils/").status_code == 200
        return len(queries)

    small = count()
    for number in range(2, 12):
        make_guide(f"Guide {number}", topic=("droits" if number % 2 else "ecrire"))
        make_template(f"Modèle {number}")
    assert count() == small

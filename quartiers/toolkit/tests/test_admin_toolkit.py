"""Animators read the toolkit from their admin."""

import pytest

from quartiers.toolkit.models import GuidePage

pytestmark = pytest.mark.django_db


def test_menu_and_index_for_animators(
    staff_client, animator_a, make_guide, make_template
):
    make_guide("Mener une interview")
    make_guide("Modérer avec bienveillance", audience=GuidePage.AUDIENCE_ANIMATORS)
    make_template()
    client = staff_client(animator_a)
    assert "/admin/boite-a-outils/" in client.get("/admin/").content.decode()
    html = client.get("/admin/boite-a-outils/").content.decode()
    assert "Mener une interview" in html
    assert "Modérer avec bienveillance" in html
    assert "Portrait d&#x27;habitant·e" in html or "Portrait d'habitant·e" in html
    assert "Modifier la boîte à outils" not in html


def test_animator_reads_a_guide_in_the_admin(staff_client, animator_a, make_guide):
    guide = make_guide(
        "Modérer avec bienveillance",
        audience=GuidePage.AUDIENCE_ANIMATORS,
        text="Expliquez chaque refus.",
    )
    response = staff_client(animator_a).get(
        f"/admin/boite-a-outils/guides/{guide.slug}/"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Expliquez chaque refus." in html
    assert "Modifier ce guide" not in html


def test_coordinator_gets_edit_links(staff_client, coordinator, make_guide):
    guide = make_guide("Mener une interview")
    client = staff_client(coordinator)
    assert (
        "Modifier la boîte à outils"
        in client.get("/admin/boite-a-outils/").content.decode()
    )
    html = client.get(f"/admin/boite-a-outils/guides/{guide.slug}/").content.decode()
    assert f"/admin/pages/{guide.pk}/edit/" in html


def test_unknown_guide_and_template_are_404(staff_client, animator_a):
    client = staff_client(animator_a)
    assert client.get("/admin/boite-a-outils/guides/nexiste-pas/").status_code == 404
    assert client.get("/admin/boite-a-outils/modeles/nexiste-pas/").status_code == 404


def test_template_view_offers_to_start(
    staff_client, animator_a, portal_a, make_template
):
    template = make_template()
    html = (
        staff_client(animator_a)
        .get(f"/admin/boite-a-outils/modeles/{template.slug}/")
        .content.decode()
    )
    assert "Commencer un article à partir de ce modèle" in html
    assert f'value="{portal_a.pk}"' in html


def test_residents_have_no_admin_toolkit(client, resident_a):
    client.force_login(resident_a)
    response = client.get("/admin/boite-a-outils/")
    assert response.status_code in (302, 403)


def test_admin_index_costs_the_same_queries_with_many_guides(
    staff_client, animator_a, make_guide, make_template
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = staff_client(animator_a)
    make_guide("Guide 1")
    make_template()
    client.get("/admin/boite-a-outils/")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/boite-a-outils/").status_code == 200
        return len(queries)

    small = count()
    for number in range(2, 10):
        make_guide(f"Guide {number}", audience=GuidePage.AUDIENCE_ANIMATORS)
        make_template(f"Modèle {number}")
    assert count() == small

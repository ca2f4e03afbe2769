"""Every admin view of portal-owned snippets (listing, inspect, copy, history,
usage, choosers) stays inside the animator's portals."""

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from quartiers.agenda.models import Event
from quartiers.classifieds.models import Ad
from quartiers.directory.models import LocalActor

pytestmark = pytest.mark.django_db


@pytest.fixture
def beta_objects(portal_b, resident_b):
    now = timezone.now()
    actor = LocalActor.objects.create(
        portal=portal_b,
        name="Suggestion secrète Bêta",
        slug="secrete",
        status=LocalActor.SUGGESTED,
    )
    ad = Ad.objects.create(
        portal=portal_b,
        author=resident_b,
        author_name="B",
        title="Annonce secrète Bêta",
        kind=Ad.GIFT,
        category="enfants",
        text="x",
        place="Près",
        status=Ad.PENDING,
        published_at=now,
        expires_at=now + timedelta(days=30),
    )
    event = Event.objects.create(
        portal=portal_b,
        title="Événement secret Bêta",
        slug="secret",
        start=now + timedelta(days=2),
        end=now + timedelta(days=2, hours=1),
        status=Event.PENDING,
    )
    return {"actor": actor, "ad": ad, "event": event}


def test_other_portals_objects_are_hidden_from_every_admin_view(
    staff_client, animator_a, beta_objects
):
    client = staff_client(animator_a)
    urls = [
        f"/admin/snippets/classifieds/ad/inspect/{beta_objects['ad'].pk}/",
        f"/admin/snippets/agenda/event/copy/{beta_objects['event'].pk}/",
        f"/admin/snippets/agenda/event/history/{beta_objects['event'].pk}/",
        f"/admin/snippets/agenda/event/usage/{beta_objects['event'].pk}/",
        f"/admin/snippets/directory/localactor/history/{beta_objects['actor'].pk}/",
        f"/admin/snippets/choose/directory/localactor/chosen/{beta_objects['actor'].pk}/",
        f"/admin/snippets/choose/classifieds/ad/chosen/{beta_objects['ad'].pk}/",
        f"/admin/snippets/choose/agenda/event/chosen/{beta_objects['event'].pk}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert (
            "secrète" not in response.content.decode()
            and "secret" not in response.content.decode().lower()
        )


def test_choosers_list_only_the_animators_portals(
    staff_client, animator_a, portal_a, beta_objects
):
    LocalActor.objects.create(portal=portal_a, name="Maison Alpha", slug="maison-alpha")
    client = staff_client(animator_a)
    for url in (
        "/admin/snippets/choose/directory/localactor/",
        "/admin/snippets/choose/directory/localactor/results/?q=secr",
        "/admin/snippets/choose/classifieds/ad/",
        "/admin/snippets/choose/agenda/event/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Bêta" not in response.content.decode(), url
    assert (
        "Maison Alpha"
        in client.get("/admin/snippets/choose/directory/localactor/").content.decode()
    )


def test_event_form_offers_only_the_portals_people(staff_client, animator_a):
    html = (
        staff_client(animator_a)
        .get("/admin/snippets/agenda/event/add/")
        .content.decode()
    )
    assert "habitant.alpha@example.org" in html or "habitant alpha" in html
    assert "habitant.beta@example.org" not in html and "habitant beta" not in html


@pytest.mark.parametrize("value", ["1e400", "9" * 30, "-999"])
def test_absurd_coordinates_get_a_plain_message(client, resident_a, portal_a, value):
    client.force_login(resident_a)
    response = client.post(
        "/alpha/acteurs/suggerer/",
        {"name": "Club", "kind": "association", "latitude": value, "longitude": "2.4"},
    )
    assert response.status_code in (200, 400)
    # The point comes from a click on the map (hidden fields): one plain
    # message asks for another click, whatever was sent.
    html = unescape(response.content.decode())
    assert "Le point placé sur la carte n'est pas valide" in html

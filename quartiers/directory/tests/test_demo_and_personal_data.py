"""Demo data is complete and idempotent; a person's suggestions follow them."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from quartiers.directory import services
from quartiers.directory.demo import seed_directory
from quartiers.directory.models import LocalActor, PracticalInfoPage
from quartiers.directory.personal_data import erase_suggestions, export_suggestions
from quartiers.directory.validators import in_france

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_plausible(client, portal_a):
    portal_a.latitude, portal_a.longitude = Decimal("48.90770"), Decimal("2.43970")
    portal_a.save()
    seed_directory(portal_a)
    seed_directory(portal_a)

    actors = LocalActor.objects.filter(portal=portal_a)
    assert actors.count() >= 12
    assert {a.kind for a in actors} >= {k for k, _ in LocalActor.KIND_CHOICES} - {
        LocalActor.OTHER
    }
    for actor in actors:
        assert in_france(actor.latitude, actor.longitude)
        assert abs(actor.latitude - portal_a.latitude) < Decimal("0.01")
    house = actors.get(name__startswith="Maison de quartier")
    assert [u.email for u in house.managers.all()] == ["partenaire.alpha@example.org"]
    infos = PracticalInfoPage.objects.live().descendant_of(portal_a.home_page)
    assert infos.count() == 4
    assert client.get("/alpha/acteurs/carte/").status_code == 200
    assert client.get(f"/alpha/acteurs/{house.slug}/").status_code == 200
    assert client.get("/alpha/infos-pratiques/numeros-utiles/").status_code == 200


def test_export_and_erase(portal_a, resident_a):
    pending = services.actor_suggest(
        portal=portal_a, actor=resident_a, fields={"name": "En attente"}
    )
    published = services.actor_suggest(
        portal=portal_a, actor=resident_a, fields={"name": "Publié"}
    )
    LocalActor.objects.filter(pk=published.pk).update(status=LocalActor.PUBLISHED)

    exported = export_suggestions(resident_a)
    assert {item["nom"] for item in exported["acteurs_suggeres"]} == {
        "En attente",
        "Publié",
    }

    erase_suggestions(resident_a, keep_contributions=False)
    assert not LocalActor.objects.filter(pk=pending.pk).exists()
    published.refresh_from_db()
    assert published.suggested_by is None


def test_erase_is_registered_for_account_deletion():
    from quartiers.portals.features import registry

    assert "acteurs" in [item.name for item in registry.personal_data()]
    assert get_user_model()  # the registry is used by accounts' deletion

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartiers.directory.models import LocalActor


@pytest.fixture
def make_actor():
    def make(portal, name, **fields):
        from django.utils.text import slugify

        values = {
            "slug": slugify(name),
            "kind": LocalActor.ASSOCIATION,
            "status": LocalActor.PUBLISHED,
            "address": "2 place du Marché",
            "postcode": "93000",
            "town": portal.town,
            **fields,
        }
        return LocalActor.objects.create(portal=portal, name=name, **values)

    return make


@pytest.fixture
def bulk_actors():
    def bulk(portal, count, *, start=0, with_coordinates=True):
        LocalActor.objects.bulk_create(
            LocalActor(
                portal=portal,
                name=f"Acteur {number:04d}",
                slug=f"acteur-{number:04d}",
                kind=LocalActor.KIND_CHOICES[number % len(LocalActor.KIND_CHOICES)][0],
                address=f"{number} rue des Lilas",
                latitude=Decimal("48.91") if with_coordinates else None,
                longitude=Decimal("2.44") if with_coordinates else None,
                status=LocalActor.PUBLISHED,
            )
            for number in range(start, start + count)
        )

    return bulk


@pytest.fixture
def count_queries():
    def count(client, url):
        client.get(url)  # warm caches (site root paths, content types)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(context.captured_queries)

    return count

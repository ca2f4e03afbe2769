from datetime import timedelta

import pytest
from django.utils import timezone

from quartiers.classifieds.models import Ad


@pytest.fixture
def make_ad():
    """An ad as the services would leave it (published unless told otherwise)."""

    def make(portal, author, title="Poussette à donner", **fields):
        now = timezone.now()
        values = {
            "kind": Ad.GIFT,
            "category": "enfants",
            "text": "Poussette pliable, bon état.",
            "place": "Près de l'école",
            "status": Ad.PUBLISHED,
            "published_at": now,
            "expires_at": now + timedelta(days=30),
        }
        values.update(fields)
        return Ad.objects.create(
            portal=portal,
            author=author,
            author_name=author.public_name if author else "",
            title=title,
            **values,
        )

    return make


@pytest.fixture
def ad_form_data():
    def data(**changes):
        values = {
            "kind": Ad.GIFT,
            "category": "enfants",
            "title": "Poussette à donner",
            "text": "Poussette pliable bleue, bon état.",
            "place": "Près de l'école",
            "price": "",
            "photo_alt": "",
            "photo_consent": "not_needed",
        }
        values.update(changes)
        return values

    return data

from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from quartiers.agenda import recurrence, services
from quartiers.agenda.models import Event, EventCategory, Occurrence
from quartiers.directory.models import LocalActor


def paris(year, month, day, hour=0, minute=0) -> datetime:
    return recurrence.at_local_time(
        date(year, month, day), datetime(2000, 1, 1, hour, minute)
    )


def soon(days: int, hour: int = 18, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return recurrence.at_local_time(day, datetime(2000, 1, 1, hour, minute))


@pytest.fixture
def partner_a(db):
    return get_user_model().objects.get(email="partenaire.alpha@example.org")


@pytest.fixture
def actor_a(portal_a, partner_a):
    actor = LocalActor.objects.create(
        portal=portal_a,
        name="Maison de quartier Alpha",
        slug="maison-de-quartier",
        address="2 place du Marché",
        postcode="93000",
        town="Bobigny",
        latitude="48.90770",
        longitude="2.43970",
    )
    actor.managers.add(partner_a)
    return actor


@pytest.fixture
def actor_b(portal_b):
    return LocalActor.objects.create(
        portal=portal_b, name="Centre social Bêta", slug="centre-social"
    )


@pytest.fixture
def make_event():
    """Create an event through the service, as the platform (published)."""

    def make(portal, title="Fête de quartier", *, actor=None, category=None, **kw):
        fields = services.EventFields(
            title=title,
            start=kw.pop("start", None) or soon(3),
            category_id=EventCategory.objects.get(portal=portal, slug=category).pk
            if category
            else None,
            place_name=kw.pop("place_name", "Pelouse centrale"),
            **kw,
        )
        return services.event_propose(portal=portal, actor=actor, fields=fields)

    return make


def bulk_events(portal, count: int, *, start_in_days: int = 1, prefix="genere"):
    """Insert many published weekly-free events fast (one occurrence each)."""
    category = EventCategory.objects.filter(portal=portal).first()
    base = soon(start_in_days)
    events = Event.objects.bulk_create(
        Event(
            portal=portal,
            title=f"Événement {prefix} {number}",
            slug=f"evenement-{prefix}-{number}",
            start=base + timedelta(hours=number),
            end=base + timedelta(hours=number + 1),
            category=category,
            place_name="Salle polyvalente",
            status=Event.PUBLISHED,
            finishes_at=base + timedelta(hours=number + 1),
        )
        for number in range(count)
    )
    Occurrence.objects.bulk_create(
        Occurrence(
            portal=portal,
            event=event,
            start=event.start,
            end=event.end,
            ends_at=event.end,
        )
        for event in events
    )
    return events

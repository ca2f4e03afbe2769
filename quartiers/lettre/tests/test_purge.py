"""Follows a visitor never confirmed are forgotten a week later by a
periodic job, with the address when nothing else is left of it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from quartiers.lettre import services
from quartiers.lettre.models import Follow, Subscriber
from quartiers.ops import periodic

pytestmark = pytest.mark.django_db

JOB = "quartiers.lettre.tasks.purge_unconfirmed_follows"


def _age(follow_or_subscriber, days: int) -> None:
    type(follow_or_subscriber).objects.filter(pk=follow_or_subscriber.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def _visitor_follows(portal, email):
    (follow,) = services.follows_add(
        portal=portal, actor=None, email=email, targets=[("portal", "")]
    )
    return follow


def test_the_job_is_scheduled_daily():
    assert settings.QUARTIERS_PERIODIC_JOBS[JOB] == 86400
    assert (JOB, 86400.0) in periodic.periodic_jobs()


def test_unconfirmed_follows_older_than_a_week_are_forgotten(
    portal_a, portal_b, resident_a
):
    old = _visitor_follows(portal_a, "ancienne@example.org")
    _age(old, 8)
    _age(old.subscriber, 8)
    recent = _visitor_follows(portal_a, "recente@example.org")
    _age(recent, 6)
    # Confirmed follows stay, however old: an account's, and a visitor's.
    (account,) = services.follows_add(
        portal=portal_a, actor=resident_a, targets=[("portal", "")]
    )
    _age(account, 30)
    confirmed = _visitor_follows(portal_b, "fidele@example.org")
    services.follows_confirm(token=services.confirmation_token(confirmed.subscriber))
    _age(confirmed, 30)

    assert periodic.run_job(JOB)

    remaining = set(Follow.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, account.pk, confirmed.pk}
    # The address that never confirmed anything is forgotten too.
    assert not Subscriber.objects.filter(email="ancienne@example.org").exists()
    assert Subscriber.objects.filter(email="recente@example.org").exists()


def test_asking_again_gives_a_follow_another_week(portal_a):
    follow = _visitor_follows(portal_a, "distraite@example.org")
    _age(follow, 10)
    _visitor_follows(portal_a, "distraite@example.org")  # a new link is sent
    assert services.follows_purge_unconfirmed() == 0
    assert Follow.objects.filter(pk=follow.pk).exists()
    assert (
        services.follows_purge_unconfirmed(now=timezone.now() + timedelta(days=8)) == 1
    )

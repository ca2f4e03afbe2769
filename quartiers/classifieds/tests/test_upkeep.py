"""Ads expire on their own; a week before, the author gets a one-click extension link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from quartiers.classifieds import tasks
from quartiers.classifieds.models import Ad

pytestmark = pytest.mark.django_db


def test_expire_ads_turns_past_ads_expired_only(
    portal_a, portal_b, resident_a, resident_b, make_ad
):
    now = timezone.now()
    past = make_ad(portal_a, resident_a, "Passée", expires_at=now - timedelta(hours=1))
    other = make_ad(
        portal_b, resident_b, "Passée B", expires_at=now - timedelta(days=3)
    )
    future = make_ad(portal_a, resident_a, "Future")
    pending = make_ad(
        portal_a,
        resident_a,
        "En attente",
        status=Ad.PENDING,
        expires_at=now - timedelta(days=1),
    )

    assert tasks.expire_ads.call() == 2
    assert tasks.expire_ads.call() == 0  # idempotent

    statuses = dict(Ad.objects.values_list("title", "status"))
    assert statuses[past.title] == statuses[other.title] == Ad.EXPIRED
    assert statuses[future.title] == Ad.PUBLISHED
    assert statuses[pending.title] == Ad.PENDING


def test_reminder_is_sent_once_a_week_before_with_the_extension_link(
    client, portal_a, resident_a, make_ad, django_capture_on_commit_callbacks
):
    now = timezone.now()
    soon = make_ad(portal_a, resident_a, "Bientôt", expires_at=now + timedelta(days=5))
    make_ad(portal_a, resident_a, "Plus tard", expires_at=now + timedelta(days=20))

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_expiring_ads.call() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_expiring_ads.call() == 0
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    soon.refresh_from_db()
    link = f"/alpha/annonces/{soon.pk}/prolonger/{soon.extend_token}/"
    assert email.to == [resident_a.email]
    assert link in email.body
    assert soon.reminder_sent_at is not None

    # A GET only asks (mail scanners open links); the button extends.
    page = client.get(link)
    assert page.status_code == 200 and "Oui, prolonger" in page.content.decode()
    soon.refresh_from_db()
    assert soon.expires_at < now + timedelta(days=6)

    done = client.post(link)
    assert done.status_code == 200 and "Annonce prolongée" in done.content.decode()
    soon.refresh_from_db()
    assert soon.expires_at > now + timedelta(days=34)
    assert soon.reminder_sent_at is None
    # The link of the email works once.
    assert client.post(link).status_code == 404


def test_wrong_token_or_portal_answers_404(client, portal_a, resident_a, make_ad):
    ad = make_ad(portal_a, resident_a)
    assert (
        client.get(f"/alpha/annonces/{ad.pk}/prolonger/pas-le-bon/").status_code == 404
    )
    assert (
        client.post(f"/alpha/annonces/{ad.pk}/prolonger/pas-le-bon/").status_code == 404
    )
    assert (
        client.get(f"/beta/annonces/{ad.pk}/prolonger/{ad.extend_token}/").status_code
        == 404
    )


def test_an_expired_ad_can_be_extended_from_the_link(
    client, portal_a, resident_a, make_ad
):
    ad = make_ad(portal_a, resident_a, status=Ad.EXPIRED, expires_at=timezone.now())
    response = client.post(f"/alpha/annonces/{ad.pk}/prolonger/{ad.extend_token}/")
    ad.refresh_from_db()
    assert response.status_code == 200
    assert ad.status == Ad.PUBLISHED
    assert client.get(f"/alpha/annonces/{ad.pk}/").status_code == 200


def test_hidden_ads_cannot_be_extended(client, portal_a, resident_a, make_ad):
    ad = make_ad(portal_a, resident_a, status=Ad.HIDDEN)
    response = client.post(f"/alpha/annonces/{ad.pk}/prolonger/{ad.extend_token}/")
    ad.refresh_from_db()
    assert response.status_code == 302
    assert ad.status == Ad.HIDDEN


def test_management_command_runs_both(portal_a, resident_a, make_ad, capsys):
    now = timezone.now()
    make_ad(portal_a, resident_a, "Passée", expires_at=now - timedelta(hours=1))
    make_ad(portal_a, resident_a, "Bientôt", expires_at=now + timedelta(days=3))
    call_command("run_classifieds_upkeep")
    out = capsys.readouterr().out
    assert "1 annonce(s) expirée(s)" in out and "1 rappel(s)" in out


def test_reschedule_is_skipped_on_a_backend_that_cannot_defer(portal_a):
    # The immediate backend would run the task again at once, forever.
    assert tasks.expire_ads.call(reschedule=True) == 0
    assert tasks.remind_expiring_ads.call(reschedule=True) == 0

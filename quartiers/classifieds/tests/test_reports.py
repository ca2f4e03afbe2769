"""Reported ads follow the moderation rules of the newsroom."""

import pytest
from django.core import mail

from quartiers.classifieds.models import Ad
from quartiers.moderation import selectors as moderation_selectors
from quartiers.moderation import services as moderation_services
from quartiers.moderation.models import Report
from quartiers.moderation.tests.helpers import account

pytestmark = pytest.mark.django_db


def _report(client, ad, email, portal="alpha"):
    return client.post(
        f"/reactions/signaler/annonce/{ad.pk}/",
        {"reason": "spam", "details": "", "email": email},
    )


def _verified_report(client, ad, email):
    """Only verified accounts hide an ad on their own (see moderation)."""
    client.force_login(account(email))
    response = _report(client, ad, "")
    client.logout()
    return response


def test_ad_page_links_to_the_report_form(client, portal_a, resident_a, make_ad):
    ad = make_ad(portal_a, resident_a, "Perceuse à prêter")
    form = client.get(f"/reactions/signaler/annonce/{ad.pk}/")
    html = form.content.decode()
    assert form.status_code == 200
    assert "Perceuse à prêter" in html and f"/alpha/annonces/{ad.pk}/" in html


def test_three_distinct_reporters_hide_the_ad_and_animators_are_told(
    client, portal_a, resident_a, make_ad, django_capture_on_commit_callbacks
):
    ad = make_ad(portal_a, resident_a, "Téléphone neuf pas cher")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(2):
            response = _verified_report(client, ad, f"voisin{n}@example.org")
            assert response.status_code == 200
        ad.refresh_from_db()
        assert ad.status == Ad.PUBLISHED
        _verified_report(client, ad, "voisin2@example.org")
    ad.refresh_from_db()
    assert ad.status == Ad.HIDDEN
    assert client.get(f"/alpha/annonces/{ad.pk}/").status_code == 404
    assert "animation.alpha@example.org" in {m.to[0] for m in mail.outbox}
    assert any("petite annonce" in m.body for m in mail.outbox)


def test_dismissing_the_reports_puts_the_ad_back_and_upholding_keeps_it_hidden(
    client, portal_a, resident_a, animator_a, make_ad
):
    kept = make_ad(portal_a, resident_a, "Vélo à échanger")
    removed = make_ad(portal_a, resident_a, "Arnaque")
    for n, ad in enumerate((kept, removed)):
        for m in range(3):
            _verified_report(client, ad, f"voisin{n}-{m}@example.org")
        ad.refresh_from_db()
        assert ad.status == Ad.HIDDEN

    handle = Report.objects.filter(object_id=kept.pk).first()
    moderation_services.report_dismiss(
        portal=portal_a, actor=animator_a, report_id=handle.pk
    )
    kept.refresh_from_db()
    assert kept.status == Ad.PUBLISHED

    handle = Report.objects.filter(object_id=removed.pk).first()
    moderation_services.report_uphold(
        portal=portal_a, actor=animator_a, report_id=handle.pk, note="Arnaque connue."
    )
    removed.refresh_from_db()
    assert removed.status == Ad.HIDDEN


def test_reported_ads_show_in_the_queue(
    staff_client, portal_a, resident_a, animator_a, make_ad
):
    ad = make_ad(portal_a, resident_a, "Annonce signalée")
    _report(staff_client(animator_a), ad, "")
    html = staff_client(animator_a).get("/admin/moderation/").content.decode()
    assert "Petite annonce" in html and "Annonce signalée" in html
    queue = moderation_selectors.moderation_queue(user=animator_a)
    assert queue["reported_items"][0].target == ad


def test_offline_or_missing_ads_cannot_be_reported(
    client, portal_a, resident_a, make_ad
):
    pending = make_ad(portal_a, resident_a, status=Ad.PENDING)
    assert client.get(f"/reactions/signaler/annonce/{pending.pk}/").status_code == 404
    assert client.get("/reactions/signaler/annonce/999999/").status_code == 404
    assert client.get("/reactions/signaler/annonce/abc/").status_code == 404

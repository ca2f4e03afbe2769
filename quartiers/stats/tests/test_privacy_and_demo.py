"""The privacy page of each portal, the demo audience and the upkeep task."""

import time
from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from quartiers.portals.models import Portal
from quartiers.stats import demo, tasks
from quartiers.stats.models import DailyPageViews, DailyVisits

pytestmark = pytest.mark.django_db


def test_privacy_page_says_what_is_counted_and_who_to_ask(client, portal_a):
    Portal.objects.filter(pk=portal_a.pk).update(contact_email="equipe@alpha.example")
    response = client.get("/alpha/confidentialite/")
    assert response.status_code == 200
    html = response.content.decode()
    for words in (
        "<h1",
        "Do Not Track",
        "Global Privacy Control",
        "Aucun cookie pour mesurer",
        "jamais enregistrés",
        "25 mois",
        "/compte/mes-donnees/",
        "mailto:equipe@alpha.example",
        "Quartier Alpha",
    ):
        assert words in html, words


def test_privacy_page_without_contact_email_points_to_the_team(client, portal_b):
    html = client.get("/beta/confidentialite/").content.decode()
    assert "mailto:" not in html.split("site-footer")[0]
    assert "équipe d'animation du quartier" in html.replace("&#x27;", "'")


def test_privacy_page_of_an_unknown_portal_is_a_404(client):
    assert client.get("/quartier-inconnu/confidentialite/").status_code == 404


def test_demo_audience_is_plausible_quick_and_idempotent(portal_a):
    began = time.perf_counter()
    demo.seed_audience(portal_a)
    elapsed = time.perf_counter() - began
    assert elapsed < 5
    days = DailyVisits.objects.filter(portal=portal_a)
    assert days.count() == demo.DAYS
    assert not days.filter(day=timezone.localdate()).exists()  # today is real
    counts = (days.count(), DailyPageViews.objects.count())
    demo.seed_audience(portal_a)
    assert (days.count(), DailyPageViews.objects.count()) == counts

    # Each day's total is the sum of its addresses.
    per_day = dict(
        DailyPageViews.objects.filter(portal=portal_a)
        .values("day")
        .annotate(n=Sum("views"))
        .values_list("day", "n")
    )
    assert all(per_day[row.day] == row.page_views for row in days)
    assert all(row.page_views >= row.visits > 0 for row in days)

    # Quieter weekends, and growth over the six months.
    weekend = [r.visits for r in days if r.day.weekday() >= 5]
    week = [r.visits for r in days if r.day.weekday() < 5]
    assert sum(weekend) / len(weekend) < sum(week) / len(week)
    ordered = sorted(days, key=lambda r: r.day)
    first, last = ordered[:30], ordered[-60:-30]
    assert sum(r.visits for r in last) > sum(r.visits for r in first)


def test_upkeep_erases_old_counts_per_address_only(portal_a):
    today = timezone.localdate()
    old, recent = today - timedelta(days=800), today - timedelta(days=30)
    for day in (old, recent):
        DailyPageViews.objects.create(portal=portal_a, day=day, path="/", views=3)
        DailyVisits.objects.create(portal=portal_a, day=day, visits=2, page_views=3)
    assert tasks.purge_old_page_views.call() == 1
    assert list(DailyPageViews.objects.values_list("day", flat=True)) == [recent]
    assert DailyVisits.objects.count() == 2  # the daily totals stay
    assert tasks.purge_old_page_views.call() == 0

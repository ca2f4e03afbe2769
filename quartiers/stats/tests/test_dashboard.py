"""The dashboard: who sees which portals, periods, CSV, and its cost."""

import csv
import io
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.portals.models import Portal
from quartiers.stats.models import DailyPageViews, DailyVisits

pytestmark = pytest.mark.django_db

URL = "/admin/tableau-de-bord/"


def add_days(portal, days, *, visits=10, views=25):
    """``days`` days of figures, up to yesterday."""
    today = timezone.localdate()
    DailyVisits.objects.bulk_create(
        DailyVisits(
            portal=portal,
            day=today - timedelta(days=n + 1),
            visits=visits,
            page_views=views,
        )
        for n in range(days)
    )


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_coordinator_compares_every_portal(
    staff_client, coordinator, portal_a, portal_b
):
    add_days(portal_a, 10, visits=12)
    add_days(portal_b, 10, visits=7)
    response = staff_client(coordinator).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quartier Alpha" in html and "Quartier Bêta" in html
    assert "<svg" in html and 'role="img"' in html  # charts drawn on the server
    assert "<table" in html  # ...and the same figures as a table
    assert f"{URL}{portal_b.pk}/" in html


def test_animator_sees_their_portal_only(staff_client, animator_a, portal_a, portal_b):
    add_days(portal_a, 3)
    DailyPageViews.objects.create(
        portal=portal_a,
        day=timezone.localdate() - timedelta(days=2),
        path="/journal/la-fete/",
        views=9,
    )
    client = staff_client(animator_a)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Quartier Alpha" in html and "Quartier Bêta" not in html
    assert "/journal/la-fete/" in html  # the most read pages
    assert client.get(f"{URL}{portal_a.pk}/").status_code == 200
    assert client.get(f"{URL}{portal_b.pk}/").status_code == 404
    assert client.get(f"{URL}{portal_b.pk}/?format=csv").status_code == 404
    assert client.get(f"{URL}{portal_b.pk}/?format=csv&par=jour").status_code == 404
    assert client.get(f"{URL}987654/").status_code == 404


def test_the_menu_shows_the_dashboard_to_animators(staff_client, animator_a):
    html = staff_client(animator_a).get("/admin/").content.decode()
    assert URL in html and "Tableau de bord" in html


def test_residents_and_visitors_do_not_get_in(client, resident_a, portal_a):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(resident_a)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Quartier Alpha" not in response.content.decode()
    response = client.get(f"{URL}{portal_a.pk}/?format=csv")
    assert response.status_code in (302, 403, 404)
    assert not response.get("Content-Type", "").startswith("text/csv")


@pytest.mark.parametrize(
    "query, message",
    [
        ("periode=perso&du=2999-01-01&au=2999-02-01", "dans le futur"),
        ("periode=perso&du=2024-05-10&au=2024-03-01", "avant son début"),
        ("periode=perso&du=2014-01-01&au=2024-01-01", "trop longue"),
        ("periode=perso&du=hier&au=", "pas une date"),
        ("periode=perso&du=2024-02-30", "pas une date"),
        ("periode=perso&du=&au=2024-01-01", "date de début"),
        ("periode=10ans", "existe pas"),
        ("periode=perso&du=0001-01-01&au=0001-01-05", "avant l"),
        ("periode=perso&du=9999-12-31", "dans le futur"),
        ("du=99999999999999999999", "pas une date"),
    ],
)
def test_bad_periods_get_a_message_and_the_default_period(
    staff_client, coordinator, portal_a, query, message
):
    client = staff_client(coordinator)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "30 jours" in html  # the default period is shown instead
    response = client.get(f"{URL}{portal_a.pk}/?{query}&format=csv")
    assert response.status_code == 200
    start, end = read_csv(response)[1][3:5]
    today = timezone.localdate()
    assert (start, end) == (str(today - timedelta(days=29)), str(today))


def test_presets_and_chosen_dates(staff_client, coordinator, portal_a):
    client = staff_client(coordinator)
    today = timezone.localdate()
    rows = read_csv(client.get(f"{URL}{portal_a.pk}/?periode=3m&format=csv"))
    start = rows[1][3]
    assert 89 <= (today - timezone.datetime.fromisoformat(start).date()).days <= 92
    start = today - timedelta(days=400)
    rows = read_csv(
        client.get(f"{URL}{portal_a.pk}/?periode=perso&du={start}&format=csv")
    )
    assert rows[1][3:5] == [str(start), str(today)]  # open end: up to today
    # A chosen end in the future stops at today.
    rows = read_csv(
        client.get(
            f"{URL}{portal_a.pk}/?periode=perso&du={today - timedelta(days=3)}"
            f"&au={today + timedelta(days=40)}&format=csv"
        )
    )
    assert rows[1][4] == str(today)


def test_csv_holds_the_same_figures_as_the_table(
    staff_client, coordinator, portal_a, portal_b
):
    add_days(portal_a, 40, visits=10, views=30)  # 29 of them in the last 30 days
    add_days(portal_b, 5, visits=2, views=3)
    Portal.objects.filter(pk=portal_b.pk).update(name='=HYPERLINK("x")')
    response = staff_client(coordinator).get(f"{URL}?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    header = rows[0]
    assert header[:5] == ["Quartier", "Identifiant", "Commune", "Du", "Au"]
    assert "Visites" in header and "Pages vues" in header
    by_slug = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_slug["alpha"]["Visites"] == "290"
    assert by_slug["alpha"]["Pages vues"] == "870"
    assert by_slug["beta"]["Visites"] == "10"
    # A name that a spreadsheet would run as a formula is defused.
    assert by_slug["beta"]["Quartier"].startswith("'=")


def test_daily_csv_of_one_portal(staff_client, animator_a, portal_a):
    add_days(portal_a, 2, visits=4, views=9)
    response = staff_client(animator_a).get(
        f"{URL}{portal_a.pk}/?periode=30j&format=csv&par=jour"
    )
    rows = read_csv(response)
    assert rows[0] == ["Jour", "Visites", "Pages vues"]
    assert len(rows) == 31
    assert rows[-2] == [str(timezone.localdate() - timedelta(days=1)), "4", "9"]
    assert rows[-1] == [str(timezone.localdate()), "0", "0"]
    assert rows[1][1:] == ["0", "0"]  # days without figures are there, at zero


def _extra_portals(count):
    Portal.objects.bulk_create(
        Portal(slug=f"quartier-{n}", name=f"Quartier {n:03d}", town="Ville")
        for n in range(count)
    )
    return list(Portal.objects.filter(slug__startswith="quartier-"))


def _year_of_days(portals):
    today = timezone.localdate()
    DailyVisits.objects.bulk_create(
        (
            DailyVisits(
                portal=portal,
                day=today - timedelta(days=n + 1),
                visits=n % 50 + 1,
                page_views=n % 50 + 3,
            )
            for portal in portals
            for n in range(365)
        ),
        batch_size=2000,
    )


def _queries(client, url):
    client.get(url)  # warm what Wagtail caches once
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_portals_or_days(
    staff_client, coordinator, portal_a, portal_b
):
    client = staff_client(coordinator)
    small = _queries(client, f"{URL}?periode=12m")
    small_csv = _queries(client, f"{URL}?periode=12m&format=csv")
    _year_of_days(_extra_portals(18) + [portal_a, portal_b])
    assert _queries(client, f"{URL}?periode=12m") == small
    assert _queries(client, f"{URL}?periode=12m&format=csv") == small_csv
    DailyPageViews.objects.create(
        portal=portal_a,
        day=timezone.localdate() - timedelta(days=1),
        path="/",
        views=1,
    )
    one = _queries(client, f"{URL}{portal_a.pk}/?periode=12m")
    DailyPageViews.objects.bulk_create(
        DailyPageViews(
            portal=portal_a,
            day=timezone.localdate() - timedelta(days=n % 365 + 1),
            path=f"/journal/article-{n}/",
            views=n,
        )
        for n in range(1000)
    )
    assert _queries(client, f"{URL}{portal_a.pk}/?periode=12m") == one


@pytest.mark.slow
def test_fast_with_150_portals_and_a_year_of_days(staff_client, coordinator):
    """Reports the time of the dashboard with 150 portals x 365 days of rows."""
    portals = _extra_portals(150)
    _year_of_days(portals)
    assert DailyVisits.objects.count() == 150 * 365
    client = staff_client(coordinator)
    client.get(f"{URL}?periode=12m")
    timings = {}
    for name, url in (
        ("page", f"{URL}?periode=12m"),
        ("csv", f"{URL}?periode=12m&format=csv"),
    ):
        began = time.perf_counter()
        response = client.get(url)
        timings[name] = time.perf_counter() - began
        assert response.status_code == 200
    print(f"\ndashboard, 150 portals x 365 days: {timings}")
    assert timings["page"] < 3 and timings["csv"] < 3
    assert "Quartier 149" in response.content.decode("utf-8")


def test_most_read_pages_show_their_titles(staff_client, animator_a, portal_a):
    yesterday = timezone.localdate() - timedelta(days=1)
    for path, views in (("/", 40), ("/participer/", 12), ("/agenda/mois/2024/5/", 3)):
        DailyPageViews.objects.create(
            portal=portal_a, day=yesterday, path=path, views=views
        )
    html = staff_client(animator_a).get(f"{URL}{portal_a.pk}/").content.decode()
    top = html.split("Les pages les plus lues")[1]
    assert top.index(portal_a.home_page.title) < top.index("/participer/")
    assert "/agenda/mois/2024/5/" in top  # a route, not a page: its address

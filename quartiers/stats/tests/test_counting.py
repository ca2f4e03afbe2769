"""Audience counting: page views and daily visits, without cookie or personal data."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, models
from django.utils import timezone

from quartiers.stats import counting, services
from quartiers.stats.models import DailyPageViews, DailyVisits

from .conftest import BROWSER, IP

pytestmark = pytest.mark.django_db


def views(portal, path):
    row = DailyPageViews.objects.filter(
        portal=portal, day=timezone.localdate(), path=path
    ).first()
    return row.views if row else 0


def day_totals(portal):
    row = DailyVisits.objects.filter(portal=portal, day=timezone.localdate()).first()
    return (row.visits, row.page_views) if row else (0, 0)


def test_a_page_read_counts_one_view_and_one_visit(visit, portal_a):
    assert visit("/alpha/").status_code == 200
    assert views(portal_a, "/") == 1
    assert day_totals(portal_a) == (1, 1)


def test_addresses_are_relative_to_the_portal_and_lose_their_query(visit, portal_a):
    visit("/alpha/participer/?utm_source=lettre&q=nom")
    assert views(portal_a, "/participer/") == 1
    assert not DailyPageViews.objects.filter(path__contains="utm").exists()


def test_a_visitor_counts_once_a_day_per_portal(visit, portal_a, portal_b):
    visit("/alpha/")
    visit("/alpha/participer/")
    visit("/alpha/")
    assert day_totals(portal_a) == (1, 3)
    assert views(portal_a, "/") == 2

    visit("/alpha/", ua=BROWSER.replace("4821", "other"))  # another phone
    visit("/alpha/", ip="198.51.100.9")  # another household
    assert day_totals(portal_a) == (3, 5)

    visit("/beta/")  # the same person on another portal is a visit there
    assert day_totals(portal_b) == (1, 1)
    assert day_totals(portal_a) == (3, 5)


def test_a_new_day_draws_a_new_salt(visit, portal_a):
    from datetime import date

    from quartiers.stats import counting

    today, tomorrow = date(2031, 3, 4), date(2031, 3, 5)
    first = counting.visitor_digest(
        ip=IP, user_agent=BROWSER, portal_id=portal_a.pk, day=today
    )
    again = counting.visitor_digest(
        ip=IP, user_agent=BROWSER, portal_id=portal_a.pk, day=today
    )
    next_day = counting.visitor_digest(
        ip=IP, user_agent=BROWSER, portal_id=portal_a.pk, day=tomorrow
    )
    assert first == again != next_day
    assert counting.daily_salt(today) != counting.daily_salt(tomorrow)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_DNT": "1"},
        {"HTTP_SEC_GPC": "1"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
        {"HTTP_USER_AGENT": "facebookexternalhit/1.1"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_SEC_FETCH_DEST": "iframe"},  # a partner's embedded widget
        {"HTTP_SEC_PURPOSE": "prefetch"},
    ],
    ids=[
        "dnt",
        "gpc",
        "googlebot",
        "link-preview",
        "curl",
        "no-agent",
        "iframe",
        "prefetch",
    ],
)
def test_refusals_robots_and_non_pages_count_nothing(client, portal_a, headers):
    request = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": BROWSER, **headers}
    assert client.get("/alpha/", **request).status_code == 200
    counting.flush()
    assert not DailyPageViews.objects.exists()
    assert not DailyVisits.objects.exists()


def test_dnt_zero_is_not_a_refusal(visit, portal_a):
    visit("/alpha/", HTTP_DNT="0")
    assert day_totals(portal_a) == (1, 1)


def test_only_successful_html_gets_of_portal_pages_count(
    visit, client, portal_a, staff_client, coordinator
):
    assert visit("/alpha/nexiste-pas/").status_code == 404
    assert visit("/compte/login/").status_code == 200  # not a portal's page
    client.post("/alpha/", REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER)
    counting.flush()
    assert not DailyPageViews.objects.exists()


def test_team_members_are_not_counted_but_residents_are(
    client, portal_a, animator_a, resident_a
):
    client.force_login(animator_a)
    client.get("/alpha/", REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER)
    counting.flush()
    assert day_totals(portal_a) == (0, 0)
    client.force_login(resident_a)
    client.get("/alpha/", REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER)
    counting.flush()
    assert day_totals(portal_a) == (1, 1)


def test_counting_sets_no_cookie_and_varies_on_nothing_new(client, portal_a):
    refused = client.get(
        "/alpha/", REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER, HTTP_DNT="1"
    )
    client.cookies.clear()
    counted = client.get("/alpha/", REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER)
    counting.flush()
    assert DailyVisits.objects.get().visits == 1
    # Whatever the page itself sets (the forms' CSRF cookie), counting adds nothing.
    assert set(counted.cookies) == set(refused.cookies)
    assert not any("stat" in name or "visit" in name for name in counted.cookies)
    assert counted.get("Vary") == refused.get("Vary")


def _text_fields(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not field.is_relation
        and field.concrete
    ]


def test_no_ip_and_no_user_agent_are_stored_anywhere(visit, portal_a):
    visit("/alpha/")
    visit("/alpha/participer/")
    assert DailyVisits.objects.get().visits == 1
    for model in apps.get_models():
        for name in _text_fields(model):
            for secret in (IP, "Navigateur-de-test-4821"):
                hit = model._default_manager.filter(**{f"{name}__contains": secret})
                assert not hit.exists(), f"{model.__name__}.{name} holds {secret}"
    # The cache holds only a salt and digests: no address, no browser name.
    stored = repr(getattr(cache, "_cache", {}))
    assert IP not in stored and "Navigateur-de-test" not in stored


def test_a_database_error_never_breaks_the_page_nor_loses_the_view(
    visit, portal_a, monkeypatch
):
    def broken(**kwargs):
        raise DatabaseError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(services, "audience_add", broken)
        assert visit("/alpha/").status_code == 200
        assert day_totals(portal_a) == (0, 0)
    # The counts waited in the buffer for the next flush.
    assert counting.flush() == 1
    assert day_totals(portal_a) == (1, 1)


def test_counters_add_up_and_never_lose_a_view(portal_a, portal_b):
    """Upserts add to the existing row (the same statement on SQLite and
    PostgreSQL), so counting twice, or two processes at once, adds up."""
    day = timezone.localdate()
    services.audience_add(
        page_views=[(portal_a.pk, day, "/", 2), (portal_b.pk, day, "/", 1)],
        visits=[(portal_a.pk, day, 1, 2), (portal_b.pk, day, 1, 1)],
    )
    services.audience_add(
        page_views=[(portal_a.pk, day, "/", 3)], visits=[(portal_a.pk, day, 2, 3)]
    )
    assert views(portal_a, "/") == 5 and views(portal_b, "/") == 1
    assert day_totals(portal_a) == (3, 5) and day_totals(portal_b) == (1, 1)
    assert DailyPageViews.objects.count() == 2 and DailyVisits.objects.count() == 2


def test_reading_a_page_writes_nothing_and_the_flush_adds_it_all_up(client, portal_a):
    """Counting happens in memory while the page is answered (no query, no
    write lock); the flush writes each address once with the sum."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/alpha/", REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER)  # warm up
    counting.discard()
    with CaptureQueriesContext(connection) as reading:
        for number in range(5):
            client.get(
                "/alpha/", REMOTE_ADDR=f"198.51.100.{number}", HTTP_USER_AGENT=BROWSER
            )
    assert not [q["sql"] for q in reading.captured_queries if "stats_" in q["sql"]]
    with CaptureQueriesContext(connection) as flushing:
        assert counting.flush() == 1
    ours = [q["sql"] for q in flushing.captured_queries if "stats_" in q["sql"]]
    assert len(ours) == 2 and all("INSERT INTO" in sql for sql in ours)
    assert views(portal_a, "/") == 5 and day_totals(portal_a) == (5, 5)
    assert counting.flush() == 0  # nothing counted twice


def test_pages_served_from_the_page_cache_are_counted(client, portal_a, settings):
    settings.QUARTIERS_PAGE_CACHE_SECONDS = 60
    first = client.get("/alpha/", REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER)
    again = client.get("/alpha/", REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT=BROWSER)
    third = client.get("/alpha/", REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT=BROWSER)
    assert first["X-Page-Cache"] == "miss" and third["X-Page-Cache"] == "hit"
    assert again.content == third.content
    counting.flush()
    assert views(portal_a, "/") == 3 and day_totals(portal_a) == (2, 3)


def test_pages_made_to_be_embedded_elsewhere_are_not_counted(rf, portal_a):
    """Widgets shown in an iframe on a partner's site (older browsers send no
    Sec-Fetch-Dest) are not visits of the portal."""
    from django.http import HttpResponse
    from django.views.decorators.clickjacking import xframe_options_exempt

    from quartiers.stats import counting

    request = rf.get("/alpha/widgets/agenda/", HTTP_USER_AGENT=BROWSER)
    request.portal, request.portal_root = portal_a, "/alpha/"
    assert counting.should_count(request, HttpResponse("<p>Agenda</p>"))
    framed = xframe_options_exempt(lambda request: HttpResponse("<p>Agenda</p>"))
    assert not counting.should_count(request, framed(request))

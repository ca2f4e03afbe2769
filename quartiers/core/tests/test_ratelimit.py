"""The client address and the limits on residents' forms.

Limits count what residents achieve (a saved comment, a sent report), per
account when logged in: a digital-help session puts twenty residents behind
one address, and none of them may be blocked by the others.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from quartiers.comments.models import Comment
from quartiers.comments.tests import conftest as comment_fixtures
from quartiers.core import ratelimit
from quartiers.moderation.tests import conftest as moderation_fixtures
from quartiers.moderation.tests.helpers import account

pytestmark = pytest.mark.django_db

QUARTIERS = Path(__file__).resolve().parents[2]
# Fixed windows: a day long, so that no test straddles two of them.
DAY = 24 * 3600
journal_a = comment_fixtures.journal_a
article_a = moderation_fixtures.article_a


def _request(remote="127.0.0.1", forwarded=None, **headers):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    for name, value in headers.items():
        meta["HTTP_" + name.upper().replace("-", "_")] = value
    request = RequestFactory().get("/", **meta)
    request.user = AnonymousUser()
    return request


# --- client_ip ------------------------------------------------------------------


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(settings):
    settings.QUARTIERS_TRUSTED_PROXY_COUNT = 0
    settings.QUARTIERS_TRUSTED_CLIENT_IP_HEADER = ""
    request = _request("192.0.2.1", "203.0.113.9", X_Real_IP="203.0.113.8")
    assert ratelimit.client_ip(request) == "192.0.2.1"


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        # nginx appends the address it saw: the right-most hop is the client.
        (1, "203.0.113.9", "203.0.113.9"),
        # Whatever the client wrote itself stays on the left and is ignored.
        (1, "10.0.0.1, 6.6.6.6, 203.0.113.9", "203.0.113.9"),
        # A CDN then nginx: the second from the right.
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.1", "203.0.113.9"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        (1, "[2001:db8::1]:4711", "2001:db8::1"),
        (1, "203.0.113.9:4711", "203.0.113.9"),
        # Missing or malformed: the proxy's own address, never a 500.
        (1, "", "127.0.0.1"),
        (1, "pas-une-adresse", "127.0.0.1"),
        (2, "203.0.113.9", "203.0.113.9"),
    ],
)
def test_with_trusted_proxies_the_right_most_untrusted_hop_is_used(
    settings, count, forwarded, expected
):
    settings.QUARTIERS_TRUSTED_PROXY_COUNT = count
    settings.QUARTIERS_TRUSTED_CLIENT_IP_HEADER = ""
    assert ratelimit.client_ip(_request("127.0.0.1", forwarded)) == expected


def test_a_trusted_header_names_the_client(settings):
    settings.QUARTIERS_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = _request("127.0.0.1", "6.6.6.6", X_Real_IP="203.0.113.9")
    assert ratelimit.client_ip(request) == "203.0.113.9"
    assert ratelimit.client_ip(_request("127.0.0.1", X_Real_IP="nimp")) == "127.0.0.1"


def test_allauth_sees_the_same_address(settings):
    from allauth.account.adapter import get_adapter

    settings.QUARTIERS_TRUSTED_PROXY_COUNT = 1
    request = _request("127.0.0.1", "6.6.6.6, 203.0.113.9")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.9"


def test_one_ipv6_network_counts_as_one_address():
    one = ratelimit.address_key(_request("2001:db8:1:2::1"))
    other = ratelimit.address_key(_request("2001:db8:1:2:ffff::9"))
    assert one == other


# --- residents' forms -------------------------------------------------------------


def _comment(client, page, body, address="192.0.2.50"):
    return client.post(
        f"/reactions/pages/{page.pk}/commenter/",
        {"body": body, "parent": ""},
        REMOTE_ADDR=address,
    )


def test_twenty_residents_behind_one_address_are_never_blocked(
    client, journal_a, portal_a, settings
):
    """A digital-help session: one address, twenty residents, their own accounts."""
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "comment": (3, DAY),
    }
    from quartiers.accounts import services as account_services

    for n in range(20):
        resident = account(f"atelier{n}@example.org")
        account_services.membership_join(portal=portal_a, actor=resident)
        client.force_login(resident)
        for k in range(3):
            response = _comment(client, journal_a, f"Bonjour du numéro {n}, {k}")
            assert response.status_code == 302, (n, k)
    assert Comment.objects.filter(page=journal_a).count() == 60


def test_a_resident_is_limited_on_their_account_whatever_the_address(
    client, journal_a, resident_a, settings
):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "comment": (2, DAY),
    }
    client.force_login(resident_a)
    assert _comment(client, journal_a, "Un", "192.0.2.1").status_code == 302
    assert _comment(client, journal_a, "Deux", "192.0.2.2").status_code == 302
    assert _comment(client, journal_a, "Trois", "192.0.2.3").status_code == 429


def test_failed_validations_do_not_count(client, journal_a, resident_a, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "comment": (1, DAY),
    }
    client.force_login(resident_a)
    for _ in range(5):
        assert _comment(client, journal_a, "   ").status_code == 400
    assert _comment(client, journal_a, "Enfin le bon").status_code == 302


def test_anonymous_reports_are_limited_per_address(client, article_a, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "report": (1, DAY),
    }
    url = f"/reactions/signaler/page/{article_a.pk}/"
    data = {"reason": "spam", "email": "un@example.org"}
    assert client.post(url, data, REMOTE_ADDR="192.0.2.1").status_code == 200
    data["email"] = "deux@example.org"
    assert client.post(url, data, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.post(url, data, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_the_429_page_keeps_what_was_typed_and_says_how_long(
    client, journal_a, resident_a, settings
):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "comment": (1, DAY),
    }
    client.force_login(resident_a)
    _comment(client, journal_a, "Premier")
    text = "Un long commentaire écrit avec soin sur la fête du quartier"
    response = _comment(client, journal_a, text)
    assert response.status_code == 429
    html = response.content.decode()
    assert text in html
    assert re.search(r"dans \d+ (secondes?|minutes?|heures?)\.", html)
    assert 0 < int(response["Retry-After"]) <= DAY


def test_the_429_page_never_shows_a_password(rf, settings):
    request = rf.post("/", {"password": "secret-123", "title": "Mon titre"})
    request.user = AnonymousUser()
    html = ratelimit.too_many(request, retry_after=90).content.decode()
    assert "Mon titre" in html and "secret-123" not in html
    assert "90 secondes" in html


def test_every_form_view_counts_only_successful_saves():
    """Every view limited with wait_for also records its successes.

    And no view counts attempts on the account or address of a resident
    (``hit`` with ``request_keys``) except the reads listed here.
    """
    reads = {"search/views.py"}
    checked = 0
    for path in sorted(QUARTIERS.glob("*/views.py")):
        source = path.read_text(encoding="utf-8")
        name = f"{path.parent.name}/{path.name}"
        for action in re.findall(r"ratelimit\.wait_for\(\s*([^,]+),", source):
            checked += 1
            assert re.search(
                rf"ratelimit\.record\(\s*{re.escape(action)}\s*,", source
            ), (name, action)
        if name not in reads:
            assert not re.search(r"ratelimit\.hit\([^)]*request_keys", source), name
    assert checked >= 8


def test_logged_in_people_are_counted_on_their_account_only(rf, resident_a):
    request = rf.post("/", REMOTE_ADDR="192.0.2.1")
    request.user = get_user_model().objects.get(pk=resident_a.pk)
    assert ratelimit.request_keys(request) == [f"user:{resident_a.pk}"]


def test_the_api_limit_counts_the_real_address(client, settings):
    settings.QUARTIERS_RATE_LIMITS = {**settings.QUARTIERS_RATE_LIMITS, "api": (2, DAY)}

    def get(forwarded):
        return client.get(
            "/api/v1/portals", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    # No proxy trusted: rotating a forged header changes nothing.
    assert [get(f"203.0.113.{n}") for n in range(3)] == [200, 200, 429]
    # Behind nginx: each visitor has their own budget.
    settings.QUARTIERS_TRUSTED_PROXY_COUNT = 1
    assert [get("198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert get("198.51.100.2") == 200

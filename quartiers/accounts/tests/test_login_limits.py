"""Login limits count the real client address and never lock an owner out.

Behind nginx every request reaches Django from 127.0.0.1; the address of the
person comes from the trusted-proxy settings. Bad passwords sent by a stranger
only limit the stranger: the owner still logs in with the right password from
their own address, and by emailed code.
"""

import re

import pytest
from django.core import mail

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

OWNER = "habitant.alpha@example.org"
ATTACKER_ADDRESS = "198.51.100.7"
OWNER_ADDRESS = "192.0.2.10"


def _login(client, password, **meta):
    return client.post("/compte/login/", {"login": OWNER, "password": password}, **meta)


def _logged_in(client) -> bool:
    return client.get("/compte/profil/").status_code == 200


def _attack(client, **meta):
    """Bad passwords until the stranger is refused; the statuses seen."""
    return [_login(client, f"devine-{n}", **meta) for n in range(12)]


def _refused(response) -> bool:
    return response.status_code == 429 or (
        response.status_code == 200
        and "Trop de tentatives" in response.content.decode()
    )


@pytest.fixture
def behind_nginx(settings):
    settings.QUARTIERS_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def _via_nginx(address):
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": address}


def test_bad_passwords_from_a_stranger_do_not_lock_the_owner_out(
    client, resident_a, behind_nginx
):
    attempts = _attack(client, **_via_nginx(ATTACKER_ADDRESS))
    assert any(_refused(r) for r in attempts)  # the stranger is slowed down
    assert _refused(_login(client, PASSWORD, **_via_nginx(ATTACKER_ADDRESS)))
    assert not _logged_in(client)
    # The owner, from home, with the right password.
    assert _login(client, PASSWORD, **_via_nginx(OWNER_ADDRESS)).status_code == 302
    assert _logged_in(client)


def test_owner_logs_in_by_emailed_code_while_passwords_are_limited(
    client, resident_a, behind_nginx
):
    _attack(client, **_via_nginx(ATTACKER_ADDRESS))
    meta = _via_nginx(ATTACKER_ADDRESS)  # even from the very same address
    assert _refused(_login(client, PASSWORD, **meta))
    response = client.post("/compte/login/code/", {"email": OWNER}, **meta)
    assert response.status_code == 302
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    assert client.post(response["Location"], {"code": code}, **meta).status_code == 302
    assert _logged_in(client)


def test_a_stranger_asking_codes_for_the_owner_does_not_block_the_owners_code(
    client, resident_a, behind_nginx
):
    answers = [
        client.__class__()  # a fresh session each time, as a script would
        .post("/compte/login/code/", {"email": OWNER}, **_via_nginx(ATTACKER_ADDRESS))
        .status_code
        for _ in range(5)
    ]
    assert 302 not in answers[3:]  # the stranger is limited
    mail.outbox.clear()
    meta = _via_nginx(OWNER_ADDRESS)
    response = client.post("/compte/login/code/", {"email": OWNER}, **meta)
    assert response.status_code == 302
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    assert client.post(response["Location"], {"code": code}, **meta).status_code == 302
    assert _logged_in(client)


def test_without_trusted_proxy_a_forged_header_does_not_escape_the_limit(
    client, resident_a
):
    """No proxy trusted: X-Forwarded-For is anybody's writing and is ignored."""
    forged = [
        _login(client, f"devine-{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        for n in range(8)
    ]
    assert any(_refused(r) for r in forged)


def test_behind_nginx_one_address_does_not_limit_everybody(
    client, resident_a, behind_nginx, settings
):
    """Before: 20 logins a minute from 127.0.0.1 gave everyone a 429."""
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login": "5/m/ip",
    }
    for n in range(6):
        client.post(
            "/compte/login/",
            {"login": f"robot{n}@example.org", "password": "x"},
            **_via_nginx(ATTACKER_ADDRESS),
        )
    assert _login(client, PASSWORD, **_via_nginx(OWNER_ADDRESS)).status_code == 302


def test_a_malformed_forwarded_header_is_no_500(client, resident_a, behind_nginx):
    for header in ("", "pas-une-adresse", ",,,", "1.2.3.4, ::zz", "[::1]:80, x"):
        response = _login(client, PASSWORD, HTTP_X_FORWARDED_FOR=header)
        assert response.status_code in (200, 302)
        client.logout()

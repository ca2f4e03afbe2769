import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from quartiers.accounts.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_resident_signs_up_on_a_portal_without_a_password(client, portal_a):
    form = client.get("/compte/signup/?portail=alpha")
    assert f'value="{portal_a.pk}" selected' in form.content.decode()

    response = client.post(
        "/compte/signup/",
        {"email": "nadia@example.org", "portal": portal_a.pk, "display_name": "Nadia"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nadia@example.org")
    assert not user.has_usable_password()
    assert user.display_name == "Nadia"
    assert Membership.objects.get(user=user).portal == portal_a
    assert Membership.objects.get(user=user).role == Membership.RESIDENT
    assert len(mail.outbox) == 1  # the verification code
    assert "nadia@example.org" in mail.outbox[0].to


def test_invalid_signup_keeps_what_was_typed_with_a_plain_message(client, portal_a):
    response = client.post(
        "/compte/signup/",
        {"email": "pas-une-adresse", "portal": portal_a.pk, "display_name": "Moussa"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="pas-une-adresse"' in html
    assert 'value="Moussa"' in html
    assert "adresse" in html.lower() and "valide" in html.lower()


def test_signup_with_an_unknown_portal_is_refused_clearly(client):
    response = client.post(
        "/compte/signup/", {"email": "a@example.org", "portal": "999999"}
    )
    assert response.status_code == 200
    assert "Ce quartier n&#x27;existe pas" in response.content.decode()


def test_login_with_password_rotates_the_session(client, resident_a):
    client.get("/compte/login/")
    before = client.cookies.get("sessionid")
    response = client.post(
        "/compte/login/",
        {
            "login": "habitant.alpha@example.org",
            "password": "un-mot-de-passe-solide-42",
        },
    )
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    assert client.get("/compte/profil/").status_code == 200


def test_wrong_password_shows_the_form_again_with_the_email(client, resident_a):
    response = client.post(
        "/compte/login/", {"login": "habitant.alpha@example.org", "password": "faux"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="habitant.alpha@example.org"' in html
    assert "incorrect" in html


def test_login_by_emailed_code(client, resident_a):
    response = client.post(
        "/compte/login/code/", {"email": "habitant.alpha@example.org"}
    )
    assert response.status_code == 302
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    confirm = client.post(response["Location"], {"code": code})
    assert confirm.status_code == 302
    assert client.get("/compte/profil/").status_code == 200


def test_code_request_answers_the_same_for_known_and_unknown_emails(client, resident_a):
    known = client.post("/compte/login/code/", {"email": "habitant.alpha@example.org"})
    other = client.__class__()
    unknown = other.post("/compte/login/code/", {"email": "personne@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_password_reset_answers_the_same_for_known_and_unknown_emails(
    client, resident_a
):
    known = client.post(
        "/compte/password/reset/", {"email": "habitant.alpha@example.org"}
    )
    unknown = client.post("/compte/password/reset/", {"email": "personne@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_repeated_failed_logins_for_one_account_are_blocked(client, resident_a):
    pages = [
        client.post(
            "/compte/login/",
            {"login": "habitant.alpha@example.org", "password": f"faux-{n}"},
        ).content.decode()
        for n in range(7)
    ]
    assert "Trop de tentatives" not in pages[0]
    assert "Trop de tentatives" in pages[-1]
    # Even the right password is refused while the account is cooling down.
    blocked = client.post(
        "/compte/login/",
        {
            "login": "habitant.alpha@example.org",
            "password": "un-mot-de-passe-solide-42",
        },
    )
    assert blocked.status_code == 200
    assert client.get("/compte/profil/").status_code == 302


def test_login_attempts_from_one_ip_are_rate_limited(client):
    statuses = [
        client.post(
            "/compte/login/", {"login": f"x{n}@example.org", "password": "x"}
        ).status_code
        for n in range(65)
    ]
    assert statuses[0] == 200
    assert 429 in statuses


def test_signups_are_rate_limited_per_ip(client, portal_a):
    statuses = [
        client.post(
            "/compte/signup/", {"email": f"robot{n}@example.org", "portal": portal_a.pk}
        ).status_code
        for n in range(15)
    ]
    assert 429 in statuses


@pytest.mark.parametrize(
    "url, field",
    [("/compte/login/code/", "email"), ("/compte/password/reset/", "email")],
)
def test_code_and_reset_requests_are_rate_limited_per_email(
    client, resident_a, url, field
):
    statuses = []
    for _ in range(5):
        other = client.__class__()
        statuses.append(
            other.post(url, {field: "habitant.alpha@example.org"}).status_code
        )
    assert statuses[:3] == [302, 302, 302]
    assert 302 not in statuses[3:]  # refused: no code, no email sent
    assert len(mail.outbox) == 3

"""Login by emailed code: long enough to read on another device, kind on expiry."""

import re
import time

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

EMAIL = "habitant.alpha@example.org"


def _code():
    return re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)


def _later(monkeypatch, seconds):
    now = time.time()
    monkeypatch.setattr(
        "allauth.account.internal.flows.code_verification.time.time",
        lambda: now + seconds,
    )


def test_the_page_says_how_long_the_code_lives(client, resident_a):
    response = client.post("/compte/login/code/", {"email": EMAIL}, follow=True)
    assert "valable 15 minutes" in response.content.decode()


def test_a_code_read_ten_minutes_later_still_works(client, resident_a, monkeypatch):
    response = client.post("/compte/login/code/", {"email": EMAIL})
    _later(monkeypatch, 10 * 60)
    confirm = client.post(response["Location"], {"code": _code()})
    assert confirm.status_code == 302
    assert client.get("/compte/profil/").status_code == 200


def test_an_expired_code_says_so_and_offers_a_new_one_in_one_click(
    client, resident_a, monkeypatch
):
    response = client.post("/compte/login/code/", {"email": EMAIL})
    code = _code()
    _later(monkeypatch, 16 * 60)
    page = client.post(response["Location"], {"code": code}, follow=True)
    html = page.content.decode()
    assert "a expiré" in html
    assert f'value="{EMAIL}"' in html  # the address is already there
    monkeypatch.undo()
    mail.outbox.clear()
    again = client.post("/compte/login/code/", {"email": EMAIL})
    assert len(mail.outbox) == 1
    assert client.post(again["Location"], {"code": _code()}).status_code == 302
    assert client.get("/compte/profil/").status_code == 200

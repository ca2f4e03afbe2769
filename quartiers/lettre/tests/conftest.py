import re
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.core.cache import cache

from quartiers.agenda import services as agenda_services
from quartiers.agenda.tests.conftest import soon


@pytest.fixture(autouse=True)
def _commit_now(monkeypatch):
    """Side effects waiting for the commit run at once (each test runs in a
    transaction that is never committed)."""
    from django.db import transaction

    monkeypatch.setattr(
        transaction, "on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_event(db):
    def make(portal, title="Fête de quartier", **kw):
        fields = agenda_services.EventFields(
            title=title,
            start=kw.pop("start", None) or soon(3),
            place_name=kw.pop("place_name", "Pelouse centrale"),
            **kw,
        )
        return agenda_services.event_propose(portal=portal, actor=None, fields=fields)

    return make


def parsed(message):
    """The email as a mail app reads it (bytes through the stdlib parser)."""
    return message_from_bytes(message.message().as_bytes(), policy=policy.default)


def parts(message) -> dict:
    email = parsed(message)
    found = {}
    for part in email.walk():
        if part.get_content_maintype() == "text":
            found[part.get_content_type()] = part.get_payload(decode=True).decode(
                part.get_content_charset() or "utf-8"
            )
    return found


def links(text: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', text)


def outbox_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]

"""Emails as a mail app reads them: MIME parts, headers, absolute links, and
one-click unsubscribing that works without login and for nobody else."""

from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core import mail

from quartiers.lettre import emails, services, tokens
from quartiers.lettre.models import Follow, Notification, Subscriber

from .conftest import links, parsed, parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_people(portal_a, portal_b):
    first = services.subscriber_for_email("premiere@example.org")
    second = services.subscriber_for_email("second@example.org")
    for subscriber in (first, second):
        subscriber.frequency = Subscriber.IMMEDIATE
        subscriber.save()
        for portal in (portal_a, portal_b):
            Follow.objects.create(
                subscriber=subscriber,
                portal=portal,
                target=Follow.PORTAL,
                label=portal.name,
                confirmed_at="2026-01-01T00:00:00Z",
            )
    return first, second


def _notify(subscriber, portal):
    services.notify(
        subscriber_ids=[subscriber.pk],
        portal=portal,
        kind=Notification.NEW_POST,
        title="Un nouvel article : la fête des voisins",
        url="/alpha/journal/fete-des-voisins/",
    )
    return [m for m in mail.outbox if subscriber.email in m.to][-1]


def test_a_notification_email_has_both_parts_and_the_unsubscribe_headers(
    two_people, portal_a, settings
):
    first, _second = two_people
    message = _notify(first, portal_a)
    email = parsed(message)
    assert email.get_content_type() == "multipart/alternative"
    found = parts(message)
    assert set(found) == {"text/plain", "text/html"}
    assert "la fête des voisins" in found["text/plain"]
    unsubscribe = str(email["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<http") and unsubscribe.endswith(">")
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    html_links = [unescape(link) for link in links(found["text/html"])]
    assert html_links and all(link.startswith(base) for link in html_links)
    assert f"{base}/alpha/journal/fete-des-voisins/" in html_links
    assert any("/compte/suivi/preferences/" in link for link in html_links)
    assert "/compte/suivi/preferences/" in found["text/plain"]


def _path(url: str) -> str:
    return urlsplit(url).path


def test_one_click_unsubscribes_without_login(client, two_people, portal_a):
    first, second = two_people
    message = _notify(first, portal_a)
    url = str(parsed(message)["List-Unsubscribe"]).strip().strip("<>")
    # What a mail app sends (RFC 8058): a POST with no cookie and no CSRF token.
    response = client.post(
        _path(url), {"List-Unsubscribe": "One-Click"}, enforce_csrf_checks=True
    )
    assert response.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.frequency == Subscriber.NEVER
    assert second.frequency == Subscriber.IMMEDIATE
    # A replayed link changes nothing more and still answers kindly.
    assert client.post(_path(url)).status_code == 200


def test_a_letter_link_stops_only_that_portals_letter(
    client, two_people, portal_a, portal_b
):
    first, _second = two_people
    url = emails.unsubscribe_url(first, portal_a.pk)
    client.post(_path(url))
    assert not first.follows.filter(portal=portal_a, target="portal").exists()
    assert first.follows.filter(portal=portal_b, target="portal").exists()


def test_a_token_cannot_unsubscribe_someone_else(client, two_people):
    first, second = two_people
    url = emails.unsubscribe_url(first)
    token = _path(url).rstrip("/").rsplit("/", 1)[-1]
    # The other person's number under the first one's signature: refused.
    # (The number is inside a compressed payload: swap the payloads whole.)
    theirs = tokens.make(tokens.UNSUBSCRIBE, second.pk, second.email)
    forged = theirs.rsplit(":", 1)[0] + ":" + token.rsplit(":", 1)[1]
    assert forged != token and forged != theirs
    for bad in (forged, token[:-3] + "abc", "inconnu", token + "x"):
        response = client.post(f"/compte/suivi/desabonnement/{bad}/")
        assert response.status_code == 400
        assert "lien" in unescape(response.content.decode())
    second.refresh_from_db()
    assert second.frequency == Subscriber.IMMEDIATE
    # A token of another kind (preferences) does not unsubscribe either.
    other = tokens.make(tokens.PREFERENCES, second.pk, second.email)
    assert client.post(f"/compte/suivi/desabonnement/{other}/").status_code == 400


def test_the_get_of_an_unsubscribe_link_only_asks(client, two_people):
    first, _second = two_people
    url = emails.unsubscribe_url(first)
    response = client.get(_path(url))
    assert response.status_code == 200
    assert (
        "no-cache" in response["Cache-Control"]
        or "private" in response["Cache-Control"]
    )
    first.refresh_from_db()
    assert first.frequency == Subscriber.IMMEDIATE


def test_the_preferences_link_works_without_login(client, two_people):
    first, _second = two_people
    path = _path(emails.preferences_url(first))
    assert "premiere@example.org" in client.get(path).content.decode()
    client.post(path, {"frequency": "weekly"})
    first.refresh_from_db()
    assert first.frequency == "weekly"

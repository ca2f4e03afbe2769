"""Subscribing to the agenda from a phone: webcal link, address to copy, steps."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_agenda_offers_a_webcal_link_and_an_address_to_copy(client, portal_a):
    html = client.get("/alpha/agenda/").content.decode()
    assert 'href="webcal://testserver/alpha/agenda.ics"' in html
    assert 'value="http://testserver/alpha/agenda.ics"' in html
    assert "iPhone" in html and "Android" in html


def test_the_subscribed_address_is_a_calendar(client, portal_a):
    response = client.get("/alpha/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")

"""The favicon and the French page for an expired form."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_every_page_names_its_icon_and_the_old_address_leads_to_it(client, portal_a):
    html = client.get("/alpha/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert client.get(response["Location"]).status_code == 200


def test_an_expired_form_gets_a_french_page_without_inline_style(resident_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident_a)
    response = client.post("/alpha/participer/proposer/", {"title": "Mon texte"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Le formulaire a expiré" in html
    assert "<style" not in html

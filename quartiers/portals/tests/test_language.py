import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_french_by_default(client, portal_a):
    html = client.get("/alpha/").content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html


def test_language_can_be_switched_to_english(client, portal_a):
    response = client.post("/langue/", {"language": "en", "next": "/alpha/"})
    assert response.status_code == 302
    html = client.get("/alpha/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Journal" in html

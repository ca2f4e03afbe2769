import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_french_by_default(client, portal_a):
    html = client.get("/alpha/").content.decode()
    assert '<html lang="fr"' in html
    assert "Aller au contenu" in html


def test_language_can_be_switched_to_english(client, portal_a):
    response = client.post("/langue/", {"language": "en", "next": "/alpha/"})
    assert response.status_code == 302
    html = client.get("/alpha/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    assert "Journal" in html


def test_every_language_link_of_the_footer_works_without_a_csrf_token(portal_a):
    """The footer offers each language as a plain link (no JavaScript, no
    form): following it from a page switches the language and goes back."""
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    html = client.get("/alpha/agenda/").content.decode()
    links = re.findall(r'href="(/langue/\?language=(\w+)&amp;next=[^"]+)"', html)
    assert [code for _, code in links] == ["en"]  # French is the current one
    response = client.get(links[0][0].replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == "/alpha/agenda/"
    assert "no-cache" in response["Cache-Control"]
    english = client.get("/alpha/agenda/").content.decode()
    assert '<html lang="en"' in english
    back = re.findall(r'href="(/langue/\?language=fr&amp;next=[^"]+)"', english)
    client.get(back[0].replace("&amp;", "&"))
    assert '<html lang="fr"' in client.get("/alpha/").content.decode()


def test_old_language_forms_post_without_a_token(portal_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/langue/", {"language": "en", "next": "/alpha/"})
    assert response.status_code == 302
    assert '<html lang="en"' in client.get("/alpha/").content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_language_switch_never_sends_elsewhere(client, portal_a, target):
    response = client.get("/langue/", {"language": "en", "next": target})
    assert response["Location"] == "/"


def test_unknown_language_changes_nothing(client, portal_a):
    response = client.get("/langue/", {"language": "xx", "next": "/alpha/"})
    assert response.status_code == 302
    assert '<html lang="fr"' in client.get("/alpha/").content.decode()


def test_english_catalogue_is_complete():
    """Every French string of the interface has an English translation."""
    from pathlib import Path

    from django.conf import settings

    catalogue = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
    entries = catalogue.read_text(encoding="utf-8").split("\n\n")[1:]  # skip the header
    missing = []
    for entry in entries:
        lines = [line for line in entry.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid") for line in lines):
            continue
        assert "#, fuzzy" not in entry, entry
        text = "\n".join(lines)
        msgstr = (
            text.split("msgstr", 1)[1]
            if "msgstr[" not in text
            else text.split("msgstr[1]", 1)[1]
        )
        if msgstr.strip() in ('""', ""):
            missing.append(text.split("msgstr", 1)[0].strip())
    assert not missing, missing[:5]

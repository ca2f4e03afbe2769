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

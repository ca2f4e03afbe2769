"""The demo's outbox: one line per email in the terminal, read in the browser."""

import pytest
from django.core.mail import send_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox_settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "quartiers.core.devmail.OutboxBackend"
    settings.VAR_DIR = tmp_path
    settings.QUARTIERS_ALLOW_DEMO = True
    return settings


def test_an_email_is_one_line_in_the_terminal_and_a_page_in_the_site(
    client, outbox_settings, capsys
):
    send_mail(
        "Votre code de connexion",
        "Votre code : ABCD-EFGH\nIl reste valable 15 minutes.",
        None,
        ["habitant.alpha@example.org"],
    )
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1
    assert "Votre code de connexion" in printed[0]
    address = printed[0].rsplit("→ ", 1)[1]
    path = address.split("://", 1)[1].split("/", 1)[1]

    listing = client.get("/dev/courriels/").content.decode()
    assert "Votre code de connexion" in listing
    page = client.get("/" + path)
    assert page.status_code == 200
    assert "ABCD-EFGH" in page.content.decode()


def test_seeding_stores_emails_without_printing_them(outbox_settings, capsys):
    from quartiers.core import devmail

    with devmail.quiet():
        send_mail("Bienvenue", "Texte", None, ["a@example.org"])
    assert capsys.readouterr().out == ""
    assert len(list((outbox_settings.VAR_DIR / "outbox").glob("*.eml"))) == 1


@pytest.mark.parametrize("name", ["..", "..%2F..%2Fquartiers", "inconnu"])
def test_the_outbox_reads_only_its_own_files(client, outbox_settings, name):
    assert client.get(f"/dev/courriels/{name}/").status_code == 404


def test_there_is_no_outbox_outside_the_demo(client, outbox_settings):
    outbox_settings.QUARTIERS_ALLOW_DEMO = False
    outbox_settings.DEBUG = False
    assert client.get("/dev/courriels/").status_code == 404
    outbox_settings.QUARTIERS_ALLOW_DEMO = True
    outbox_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert client.get("/dev/courriels/").status_code == 404

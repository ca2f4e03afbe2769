"""The animators' inbox and the invitation page in a real browser: they pass
axe at phone and desktop widths and work without JavaScript."""

import subprocess
import sys

import pytest

from tests.browser.conftest import ROOT, _server_env

ANIMATOR = "animation.peupliers@example.org"
WIDTHS = [360, 1280]


def _invitation_path(tmp_path_factory, email: str) -> str:
    """An invitation made on the running demo, as an animator would."""
    var_dir = sorted(tmp_path_factory.getbasetemp().glob("browser-var*"))[0]
    code = (
        "from django.contrib.auth import get_user_model;"
        "from quartiers.portals.models import Portal;"
        "from quartiers.portals import invitations;"
        f"animator = get_user_model().objects.get(email={ANIMATOR!r});"
        "_i, token = invitations.invitation_create("
        "portal=Portal.objects.get(slug='peupliers'), actor=animator, "
        f"email={email!r}, role='resident');"
        "print(invitations.invitation_path(token))"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_server_env(var_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_inbox_is_accessible(
    new_page, server_url, check_accessibility, save_screenshot, width
):
    page = new_page(width, ANIMATOR)
    page.goto(server_url + "/admin/moderation/")
    assert page.get_by_role("heading", level=1).count() >= 1
    save_screenshot(page, f"moderation-inbox-{width}")
    check_accessibility(page)
    page.goto(server_url + "/admin/moderation/?type=annonces")
    save_screenshot(page, f"moderation-inbox-ads-{width}")
    check_accessibility(page)


def test_the_invitation_screen_is_accessible(
    new_page, server_url, check_accessibility, save_screenshot
):
    page = new_page(1280, ANIMATOR)
    page.goto(server_url + "/admin/invitations/")
    assert page.get_by_label("Adresse email de la personne").count() == 1
    check_accessibility(page)
    # Without JavaScript, a bad address gets a plain message.
    page = new_page(1280, ANIMATOR, javascript=False)
    page.goto(server_url + "/admin/invitations/")
    page.get_by_label("Adresse email de la personne").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    assert page.get_by_text("n'est pas valide").count() >= 1
    save_screenshot(page, "invitations-admin-error")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_invitation_is_accepted_without_javascript(
    new_page,
    server_url,
    check_accessibility,
    save_screenshot,
    tmp_path_factory,
    width,
):
    email = f"invitee.{width}@example.org"
    path = _invitation_path(tmp_path_factory, email)
    shown = new_page(width)
    shown.goto(server_url + path)
    assert shown.get_by_role("heading", name="Créer votre compte").count() == 1
    save_screenshot(shown, f"invitation-accept-{width}")
    check_accessibility(shown)
    # Accepted without JavaScript.
    page = new_page(width, javascript=False)
    page.goto(server_url + path)
    page.get_by_label("Nom affiché (facultatif)").fill("Nadia")
    page.get_by_role("button", name="Créer mon compte et rejoindre le quartier").click()
    assert "/peupliers/" in page.url, page.url
    assert page.get_by_text("Bienvenue dans le quartier").count() >= 1
    # The same link, a second time, says it was used.
    again = new_page(width)
    again.goto(server_url + path)
    assert again.get_by_text("déjà été acceptée").count() == 1
    check_accessibility(again)

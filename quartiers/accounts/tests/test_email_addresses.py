"""Account emails name the network or the portal, and links in the demo's
emails open the address the site was started on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def test_account_emails_name_the_network_not_the_address(client, resident_a):
    mail.outbox.clear()
    client.post("/compte/password/reset/", {"email": resident_a.email})
    assert mail.outbox, "the reset email is sent"
    message = mail.outbox[-1]
    assert "c'est Avis de Quartiers" in message.body
    assert "c'est testserver" not in message.body
    assert message.subject.startswith("[Avis de Quartiers]")


def _base_url(**env) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("BASE_URL", "HOST", "PORT", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="quartiers.config.settings.dev")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAILADMIN_BASE_URL)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_make_run_on_another_port_gives_links_to_that_port():
    assert _base_url(PORT="8101") == "http://127.0.0.1:8101"
    assert _base_url() == "http://127.0.0.1:8000"
    assert _base_url(HOST="0.0.0.0", PORT="9000") == "http://127.0.0.1:9000"
    # An explicit BASE_URL (a real domain) always wins.
    assert _base_url(PORT="8101", BASE_URL="https://quartiers.example") == (
        "https://quartiers.example"
    )

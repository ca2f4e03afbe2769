"""Practical info pages show when they were checked; stale ones are reminded."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from quartiers.directory import tasks
from quartiers.directory.models import PracticalInfoIndexPage, PracticalInfoPage

pytestmark = pytest.mark.django_db


def _index(portal):
    return PracticalInfoIndexPage.objects.child_of(portal.home_page).get()


def _info(portal, title, *, days_ago, live=True):
    page = PracticalInfoPage(
        title=title,
        intro=f"À propos de {title}.",
        body=json.dumps(
            [
                {"type": "heading", "value": "Urgences"},
                {
                    "type": "number",
                    "value": {"name": "SAMU", "phone": "15", "note": "24 h sur 24"},
                },
                {
                    "type": "link",
                    "value": {"title": "Le site", "url": "https://www.example.org"},
                },
            ]
        ),
        last_checked=None
        if days_ago is None
        else timezone.localdate() - timedelta(days=days_ago),
        live=live,
    )
    _index(portal).add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def test_index_lists_pages_and_page_shows_checked_date(client, portal_a, portal_b):
    page = _info(portal_a, "Numéros utiles", days_ago=3)
    _info(portal_b, "Transports de Bêta", days_ago=3)

    index = client.get("/alpha/infos-pratiques/").content.decode()
    assert "Numéros utiles" in index and "Transports de Bêta" not in index
    assert "Vérifié le" in index

    html = client.get(f"/alpha/infos-pratiques/{page.slug}/").content.decode()
    checked = page.last_checked
    assert "Vérifié le" in html and str(checked.year) in html
    assert '<a href="tel:15">15</a>' in html
    assert "<h2>Urgences</h2>" in html
    assert 'href="https://www.example.org"' in html


def test_animators_may_add_only_info_pages_under_the_index():
    assert PracticalInfoIndexPage.allowed_subpage_models() == [PracticalInfoPage]


def test_reminder_task_emails_the_animators_about_stale_pages_only(
    portal_a, portal_b, django_capture_on_commit_callbacks
):
    _info(portal_a, "Horaires de la mairie annexe", days_ago=240)
    _info(portal_a, "Jamais vérifiée", days_ago=None)
    _info(portal_a, "Numéros utiles", days_ago=30)
    _info(portal_a, "Brouillon ancien", days_ago=400, live=False)
    _info(portal_b, "Transports", days_ago=10)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.remind_stale_practical_info.enqueue()

    assert result.return_value == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["animation.alpha@example.org"]
    assert "Horaires de la mairie annexe" in message.body
    assert "Jamais vérifiée" in message.body
    assert "Numéros utiles" not in message.body
    assert "Brouillon ancien" not in message.body


def test_management_command_runs_the_same_code(
    portal_a, capsys, django_capture_on_commit_callbacks
):
    _info(portal_a, "Transports", days_ago=200)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_practical_info")
    assert [m.to for m in mail.outbox] == [["animation.alpha@example.org"]]
    assert "1 rappel" in capsys.readouterr().out

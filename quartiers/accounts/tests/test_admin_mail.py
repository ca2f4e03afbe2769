"""Residents get our plain-French emails, never Wagtail's staff emails."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from quartiers.accounts import admin_mail
from quartiers.newsroom.models import Submission

pytestmark = pytest.mark.django_db


def _workflow_state(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()


def _propose(client, resident, title):
    client.force_login(resident)
    client.post(
        "/alpha/participer/proposer/",
        {
            "title": title,
            "text": "Une ligne.\nUne autre.",
            "photo_consent": "not_needed",
            "envoyer": "1",
        },
    )
    return Submission.objects.get(author=resident, title=title)


def _to(person):
    return [message for message in mail.outbox if person.email in message.to]


def test_a_resident_is_never_sent_an_admin_email_through_the_workflow(
    client, resident_a, animator_a, portal_a, django_capture_on_commit_callbacks
):
    submission = _propose(client, resident_a, "La fête des voisins")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _workflow_state(submission.page).current_task_state.reject(
            user=animator_a, comment="Une photo ?"
        )
    rejected = _to(resident_a)
    assert rejected, "the resident is told that changes are asked"
    for message in rejected:
        assert "/admin/" not in message.body
        assert "workflow" not in message.body.lower()

    submission = _propose(client, resident_a, "Le vide-grenier")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _workflow_state(submission.page).current_task_state.approve(user=animator_a)
    approved = _to(resident_a)
    assert approved, "the resident is told the article is published"
    for message in approved:
        assert "/admin/" not in message.body


@pytest.mark.parametrize(
    "notifier", [notifier for _, _, notifier, _ in admin_mail.NOTIFIERS]
)
def test_every_wagtail_workflow_notifier_keeps_staff_only(
    notifier, resident_a, animator_a, monkeypatch
):
    base = type(notifier).__mro__[2]
    monkeypatch.setattr(
        base,
        "get_recipient_users",
        lambda self, instance, **kwargs: {resident_a, animator_a},
    )
    assert notifier.get_valid_recipients(object()) == {animator_a}


def test_wagtail_uses_our_notifiers():
    import weakref

    from wagtail.signals import workflow_approved, workflow_rejected

    for signal in (workflow_approved, workflow_rejected):
        receivers = [
            ref() if isinstance(ref, weakref.ReferenceType) else ref
            for _, ref, _ in signal.receivers
        ]
        assert receivers
        assert not any(
            type(receiver).__module__ == "wagtail.admin.mail" for receiver in receivers
        )

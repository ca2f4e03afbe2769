"""Emails to people, sent by the background worker once the transaction commits."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from . import tasks


def email_person(*, to: str, subject: str, template: str, context: dict) -> None:
    """Render now (the data is at hand), send after commit through the worker."""
    if not to:
        return
    body = render_to_string(
        template, {"base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    )
    transaction.on_commit(
        lambda: tasks.send_email.enqueue(to=to, subject=subject, body=body)
    )

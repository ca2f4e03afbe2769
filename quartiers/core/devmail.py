"""The demo's outbox: emails kept in var/outbox/ and read in the browser.

Under ``make run`` the console email backend printed every message whole:
thousands of lines on the first run, and the demo logins scrolled away. Here
each email is stored as a file and the terminal gets one line, with the
subject and the address where it can be read (/dev/courriels/). Used only by
the dev settings; the outbox pages answer 404 everywhere else.
"""

import contextlib
import logging
import sys
import threading
import uuid
from email import message_from_bytes, policy
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

_quiet = threading.local()
NAME_CHARS = frozenset("0123456789abcdef-")


def outbox_dir() -> Path:
    return Path(settings.VAR_DIR) / "outbox"


def outbox_enabled() -> bool:
    return settings.EMAIL_BACKEND == f"{__name__}.OutboxBackend" and bool(
        settings.DEBUG or settings.QUARTIERS_ALLOW_DEMO
    )


@contextlib.contextmanager
def quiet():
    """Store emails without a line each (seeding the demo sends hundreds)."""
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = False


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = outbox_dir()
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
            name = f"{stamp}-{uuid.uuid4().hex[:8]}"
            (folder / f"{name}.eml").write_bytes(message.message().as_bytes())
            sent += 1
            if not getattr(_quiet, "on", False):
                to = ", ".join(message.to)
                sys.stdout.write(
                    f"Courriel à {to} : « {message.subject} » → "
                    f"{settings.WAGTAILADMIN_BASE_URL}/dev/courriels/{name}/\n"
                )
                sys.stdout.flush()
        return sent


class OnlyProblems(logging.Filter):
    """Keeps the worker's warnings and errors, drops its line per task."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


def _read(path: Path) -> dict:
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    body = parsed.get_body(preferencelist=("plain", "html"))
    return {
        "name": path.stem,
        "subject": str(parsed.get("Subject", "")),
        "to": str(parsed.get("To", "")),
        "date": str(parsed.get("Date", "")),
        "text": body.get_content() if body is not None else "",
    }


def outbox(request):
    if not outbox_enabled():
        raise Http404
    folder = outbox_dir()
    paths = sorted(folder.glob("*.eml"), reverse=True)[:200] if folder.exists() else []
    return render(
        request, "core/outbox.html", {"emails": [_read(path) for path in paths]}
    )


def outbox_email(request, name: str):
    if not outbox_enabled() or not set(name) <= NAME_CHARS:
        raise Http404
    path = outbox_dir() / f"{name}.eml"
    if not path.is_file():
        raise Http404
    return render(request, "core/outbox_email.html", {"email": _read(path)})

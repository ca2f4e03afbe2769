"""Emails to subscribers: an HTML part (tables and inline styles, for phone
mail apps and Outlook alike) and a plain-text part, both from templates,
every link absolute, and the headers of RFC 2369 and RFC 8058 so that a mail
app offers one-click unsubscribing."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from . import tokens
from .models import Subscriber


def absolute(path: str) -> str:
    """A path of this install as an absolute URL (emails leave the site)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_url(subscriber: Subscriber, portal_id: int | None = None) -> str:
    """One click stops the letter of ``portal_id``, or every notification."""
    token = tokens.make(
        tokens.UNSUBSCRIBE, subscriber.pk, subscriber.email, extra=portal_id
    )
    return absolute(reverse("lettre:unsubscribe", args=[token]))


def preferences_url(subscriber: Subscriber) -> str:
    token = tokens.make(tokens.PREFERENCES, subscriber.pk, subscriber.email)
    return absolute(reverse("lettre:preferences_token", args=[token]))


def build(
    subscriber: Subscriber,
    *,
    subject: str,
    template: str,
    context: dict,
    letter_portal_id: int | None = None,
) -> EmailMultiAlternatives:
    """The message for one subscriber (``template`` names a .txt and a .html)."""
    stop_url = unsubscribe_url(subscriber, letter_portal_id)
    context = {
        **context,
        "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        "unsubscribe_url": stop_url,
        "preferences_url": preferences_url(subscriber),
        "subscriber": subscriber,
    }
    text = render_to_string(f"lettre/emails/{template}.txt", context)
    html = render_to_string(f"lettre/emails/{template}.html", context)
    subject = " ".join(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}".split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message

"""Emails to the team: at once, or gathered in one summary a day.

Each member of staff chooses on their account (``staff_email_frequency``).
Whatever asks for a decision of a portal's animators goes through
:func:`email_staff`: it renders the email now, then either sends it after
commit or keeps it for the person's daily summary. The summary goes once a
day, after ``QUARTIERS_STAFF_SUMMARY_HOUR`` (local time), sent by a
periodic task (:func:`send_daily_summaries`), one email per person.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quartiers.core import notify, tasks

from .models import StaffNotice, User

DEFAULT_HOUR = 8


def wants_summary(person) -> bool:
    return getattr(person, "staff_email_frequency", "") == User.EMAIL_DAILY


def email_staff(*, person, subject: str, template: str, context: dict) -> None:
    """One email to a member of staff, now or in tomorrow's summary."""
    if not person.email:
        return
    if not wants_summary(person):
        notify.email_person(
            to=person.email, subject=subject, template=template, context=context
        )
        return
    body = render_to_string(
        template, {"base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    )
    StaffNotice.objects.create(user=person, subject=str(subject)[:255], body=body)


def _due(now) -> bool:
    hour = getattr(settings, "QUARTIERS_STAFF_SUMMARY_HOUR", DEFAULT_HOUR)
    return timezone.localtime(now).hour >= hour


def _sent_today(user_id: int, now) -> bool:
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return StaffNotice.objects.filter(user_id=user_id, sent_at__gte=start).exists()


def send_daily_summaries(*, now=None) -> int:
    """Send each person's summary if it is due today; answers how many went.

    Safe to run often and from several machines: the notices of a person are
    locked and marked sent in the same transaction as the email is queued.
    """
    now = now or timezone.now()
    if not _due(now):
        return 0
    sent = 0
    user_ids = (
        StaffNotice.objects.filter(sent_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            notices = list(
                StaffNotice.objects.select_for_update()
                .filter(user_id=user_id, sent_at__isnull=True)
                .select_related("user")
                .order_by("created_at", "pk")
            )
            if not notices or _sent_today(user_id, now):
                continue
            person = notices[0].user
            if not person.is_active or not person.email:
                StaffNotice.objects.filter(pk__in=[n.pk for n in notices]).update(
                    sent_at=now
                )
                continue
            subject = ngettext(
                "Votre résumé du jour : %(count)s chose attend l'équipe",
                "Votre résumé du jour : %(count)s choses attendent l'équipe",
                len(notices),
            ) % {"count": len(notices)}
            body = render_to_string(
                "accounts/emails/staff_summary.txt",
                {
                    "person": person,
                    "notices": notices,
                    "base_url": settings.WAGTAILADMIN_BASE_URL,
                    "intro": _("Voici ce qui s'est passé depuis votre dernier résumé."),
                },
            )
            StaffNotice.objects.filter(pk__in=[n.pk for n in notices]).update(
                sent_at=now
            )
            to = person.email
            transaction.on_commit(
                lambda to=to, subject=subject, body=body: tasks.send_email.enqueue(
                    to=to, subject=subject, body=body
                )
            )
            sent += 1
    return sent

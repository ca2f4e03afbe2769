"""Background work of the classifieds: relayed messages, expiry, reminders."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

DAY = timedelta(days=1)
logger = logging.getLogger(__name__)


@task()
def send_relay_email(*, to: str, reply_to: str, subject: str, body: str) -> None:
    """A neighbour's message to an ad's author: from the platform, Reply-To the
    sender, so the author's address stays hidden until they choose to reply."""
    # Any line break (\r too) would make the header invalid and lose the email.
    subject = " ".join(f"[Avis de Quartiers] {subject}".splitlines())
    EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [to], reply_to=[reply_to]
    ).send()


def _reschedule(task_obj) -> bool:
    """Enqueue the task again for tomorrow; backends that cannot defer (the
    immediate one of the tests) would run it again at once, forever: skip."""
    if not task_obj.get_backend().supports_defer:
        logger.warning("%s: this task backend cannot defer, not rescheduled", task_obj)
        return False
    task_obj.using(run_after=timezone.now() + DAY).enqueue(reschedule=True)
    return True


@task()
def expire_ads(reschedule: bool = False) -> int:
    """Published ads past their expiry date become "expired".

    django-tasks has no scheduler: either cron runs
    ``manage.py run_classifieds_upkeep`` daily, or this task is enqueued once
    with ``reschedule=True`` and then enqueues itself again for the next day
    (``run_after``), forever. Idempotent: running it twice changes nothing.
    """
    from . import services

    count = services.ads_expire()
    if reschedule:
        _reschedule(expire_ads)
    return count


@task()
def remind_expiring_ads(reschedule: bool = False) -> int:
    """Email authors once, a week before expiry, with a one-click extension link.

    Same scheduling as ``expire_ads``: cron calls
    ``manage.py run_classifieds_upkeep``, or enqueue once with
    ``reschedule=True`` and the task re-enqueues itself for the next day with
    ``run_after``. Each ad is reminded at most once per lifetime.
    """
    from . import services

    count = services.ads_remind_expiring()
    if reschedule:
        _reschedule(remind_expiring_ads)
    return count

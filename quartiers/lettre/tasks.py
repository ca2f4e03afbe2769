"""Background work of the letter app: emails, the weekly letter, reminders.

Tasks take ids, load the rows again, skip what is gone, and are idempotent:
a notification is emailed once (``emailed_at``), a letter reaches each
subscriber once (``LetterDelivery``), a reminder goes once per session
(``reminded_for``). ``periodic`` is run by ``manage.py run_periodic``.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from quartiers.portals.models import Portal

from . import emails, selectors, services
from .models import Attendance, Follow, Letter, LetterDelivery, Notification, Subscriber

logger = logging.getLogger(__name__)


# --- Single emails ---------------------------------------------------------


@task()
def send_follow_confirmation(*, subscriber_id: int) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    pending = list(
        subscriber.follows.filter(confirmed_at__isnull=True).select_related("portal")
    )
    if not pending:
        return
    token = services.confirmation_token(subscriber)
    message = emails.build(
        subscriber,
        subject=_("Confirmez votre abonnement"),
        template="confirm",
        context={
            "follows": pending,
            "confirm_url": emails.absolute(reverse("lettre:confirm", args=[token])),
        },
    )
    message.send()


@task()
def send_attendance_email(*, attendance_id: int, reason: str) -> None:
    attendance = (
        Attendance.objects.select_related("event", "portal")
        .filter(pk=attendance_id)
        .exclude(status=Attendance.CANCELLED)
        .first()
    )
    if attendance is None:
        return
    subscriber = services.subscriber_for_email(attendance.email)
    if reason == "reminder" and subscriber.frequency == Subscriber.NEVER:
        return
    subjects = {
        "confirmed": _("Vous participez : %(title)s"),
        "waiting": _("Liste d'attente : %(title)s"),
        "promoted": _("Une place s'est libérée : %(title)s"),
        "reminder": _("C'est demain : %(title)s"),
    }
    event = attendance.event
    token = services.attendance_token(attendance)
    message = emails.build(
        subscriber,
        subject=subjects.get(reason, subjects["confirmed"]) % {"title": event.title},
        template="attendance",
        context={
            "attendance": attendance,
            "event": event,
            "reason": reason,
            "portal": attendance.portal,
            "event_url": emails.absolute(
                f"{attendance.portal.get_absolute_url()}agenda/{event.slug}/"
            ),
            "cancel_url": emails.absolute(
                reverse("lettre:attendance_cancel", args=[token])
            ),
        },
    )
    message.send()


@task()
def send_notifications(*, subscriber_id: int) -> int:
    """Email what this subscriber was not yet told (one email, a digest when
    there are several)."""
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        )
        if subscriber is None or subscriber.frequency == Subscriber.NEVER:
            return 0
        pending = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(subscriber=subscriber, emailed_at__isnull=True)
            .select_related("portal")
            .order_by("created_at", "pk")[:50]
        )
        if not pending:
            return 0
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            emailed_at=now
        )
        subscriber.last_digest_at = now
        subscriber.save(update_fields=["last_digest_at"])
    items = [
        {"title": n.title, "url": emails.absolute(n.url) if n.url else "", "n": n}
        for n in pending
    ]
    subject = (
        pending[0].title
        if len(pending) == 1
        else _("%(count)s nouvelles de vos quartiers") % {"count": len(pending)}
    )
    message = emails.build(
        subscriber,
        subject=subject,
        template="notifications",
        context={
            "items": items,
            "notifications_url": emails.absolute(reverse("lettre:notifications")),
        },
    )
    message.send()
    return len(pending)


@task()
def fan_out_new_post(
    *, portal_id: int, title: str, url: str, targets: list[list[str]]
) -> int:
    """Tell the followers of a section, an actor or a show about a new post."""
    portal = Portal.objects.filter(pk=portal_id).first()
    if portal is None:
        return 0
    ids = selectors.follower_ids(portal, [(t, k) for t, k in targets])
    return services.notify(
        subscriber_ids=ids,
        portal=portal,
        kind=Notification.NEW_POST,
        title=title,
        url=url,
    )


# --- The weekly letter -----------------------------------------------------


def _letter_context(letter: Letter) -> dict:
    items = [
        {**item, "absolute_url": emails.absolute(item["url"])} for item in letter.items
    ]
    return {
        "letter": letter,
        "portal": letter.portal,
        "news": [item for item in items if item.get("group") == "news"],
        "agenda": [item for item in items if item.get("group") == "agenda"],
        "letter_url": emails.absolute(letter.get_absolute_url()),
        "portal_url": emails.absolute(letter.portal.get_absolute_url()),
    }


def letter_recipients(letter: Letter):
    return (
        Subscriber.objects.filter(
            follows__portal_id=letter.portal_id,
            follows__target=Follow.PORTAL,
            follows__confirmed_at__isnull=False,
        )
        .exclude(
            pk__in=LetterDelivery.objects.filter(letter=letter).values("subscriber_id")
        )
        .order_by("pk")
    )


@task()
def send_letter_batch(*, letter_id: int) -> int:
    """Send the next batch of a letter, within the hourly ceiling.

    Deliveries are written before the messages go, in the same transaction
    that holds the letter: two batches never pick the same person, and a
    crash loses at most one batch rather than sending it twice.
    """
    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related("portal")
            .filter(pk=letter_id, status=Letter.SENDING)
            .first()
        )
        if letter is None:
            return 0
        hour_ago = timezone.now() - timedelta(hours=1)
        room = min(
            settings.QUARTIERS_LETTER_BATCH,
            settings.QUARTIERS_LETTER_PER_HOUR
            - LetterDelivery.objects.filter(sent_at__gte=hour_ago).count(),
        )
        if room <= 0:
            return 0
        batch = list(letter_recipients(letter)[:room])
        if len(batch) < room:
            letter.status = Letter.SENT
            letter.save(update_fields=["status", "updated_at"])
        LetterDelivery.objects.bulk_create(
            [LetterDelivery(letter=letter, subscriber=s) for s in batch],
            ignore_conflicts=True,
        )
    if not batch:
        return 0
    context = _letter_context(letter)
    subject = _("La lettre du quartier %(name)s — n° %(number)s") % {
        "name": letter.portal.name,
        "number": letter.number,
    }
    messages = [
        emails.build(
            subscriber,
            subject=subject,
            template="letter",
            context=context,
            letter_portal_id=letter.portal_id,
        )
        for subscriber in batch
    ]
    get_connection().send_messages(messages)
    return len(messages)


# --- Periodic --------------------------------------------------------------


def _compose_letters(now: datetime) -> None:
    """On the letter's weekday, a draft for every public portal."""
    today = timezone.localdate(now)
    if today.weekday() != settings.QUARTIERS_LETTER_WEEKDAY:
        return
    week = services.week_of(today)
    done = set(
        Letter.objects.filter(week_start=week).values_list("portal_id", flat=True)
    )
    for portal in Portal.objects.filter(home_page__live=True).select_related(
        "home_page"
    ):
        if portal.pk in done:
            continue
        if not Follow.objects.filter(portal=portal, target=Follow.PORTAL).exists():
            continue
        composed = services.letter_compose(portal=portal, week_start=week, now=now)
        if composed is not None and composed.created:
            _send_draft_to_animators(composed.letter)


def _send_draft_to_animators(letter: Letter) -> None:
    """The animators get the draft: a link to reorder, cut or add a word."""
    from quartiers.portals import access

    access.email_animators(
        letter.portal,
        subject=_("La lettre de la semaine est prête à relire"),
        template="lettre/emails/draft_ready.txt",
        context={
            "letter": letter,
            "edit_url": emails.absolute(
                reverse("lettre_admin:letter", args=[letter.pk])
            ),
        },
    )


def _release_and_send(now: datetime) -> None:
    for pk in Letter.objects.filter(status=Letter.APPROVED).values_list(
        "pk", flat=True
    ):
        services.letter_release(letter_id=pk)
    for pk in Letter.objects.filter(
        status=Letter.DRAFT, send_after__lte=now
    ).values_list("pk", flat=True):
        services.letter_release(letter_id=pk)
    for pk in Letter.objects.filter(status=Letter.SENDING).values_list("pk", flat=True):
        send_letter_batch.enqueue(letter_id=pk)


def _digests(now: datetime) -> None:
    for frequency, every in (
        (Subscriber.DAILY, timedelta(days=1)),
        (Subscriber.WEEKLY, timedelta(days=7)),
    ):
        due = (
            Subscriber.objects.filter(
                frequency=frequency,
                notifications__emailed_at__isnull=True,
            )
            .exclude(last_digest_at__gt=now - every)
            .values_list("pk", flat=True)
            .distinct()
        )
        for pk in due:
            send_notifications.enqueue(subscriber_id=pk)


def _reminders(now: datetime) -> None:
    """Attendees of tomorrow's sessions, once per session."""
    from quartiers.agenda.models import Occurrence

    tomorrow = timezone.localdate(now) + timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()), tz)
    sessions = dict(
        Occurrence.objects.filter(start__gte=start, start__lt=start + timedelta(days=1))
        .order_by("event_id", "start")
        .values_list("event_id", "start")
    )
    if not sessions:
        return
    for attendance in Attendance.objects.filter(
        event_id__in=list(sessions), status=Attendance.CONFIRMED
    ):
        session = sessions[attendance.event_id]
        if attendance.reminded_for == session:
            continue
        attendance.reminded_for = session
        attendance.save(update_fields=["reminded_for"])
        send_attendance_email.enqueue(attendance_id=attendance.pk, reason="reminder")


@task()
def purge_unconfirmed_follows() -> None:
    """Run daily by ``manage.py run_periodic`` (QUARTIERS_PERIODIC_JOBS)."""
    deleted = services.follows_purge_unconfirmed()
    if deleted:
        logger.info("lettre: %s unconfirmed follows forgotten", deleted)


@task()
def periodic() -> None:
    now = timezone.now()
    _compose_letters(now)
    _release_and_send(now)
    _digests(now)
    _reminders(now)

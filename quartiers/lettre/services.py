"""Writes of the letter app: follows, preferences, notifications, event
registrations and the weekly letter.

Every write runs in a transaction; emails leave through the task queue once
the transaction is committed.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from quartiers.portals import access
from quartiers.portals.models import Portal

from . import selectors, tokens
from .models import (
    Attendance,
    EventOptions,
    Follow,
    Letter,
    Notification,
    Subscriber,
)


def _on_commit(task, **kwargs) -> None:
    transaction.on_commit(lambda: task.enqueue(**kwargs))


# --- Subscribers -----------------------------------------------------------


def subscriber_for_user(user) -> Subscriber:
    """The subscriber row of an account (made on first need, confirmed: the
    account's address was verified when it was created)."""
    existing = getattr(user, "lettre_subscriber", None)
    if existing is not None:
        return existing
    email = user.email.strip().lower()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            subscriber = Subscriber(email=email)
        subscriber.user = user
        subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
        subscriber.save()
    return subscriber


def subscriber_for_email(email: str) -> Subscriber:
    email = email.strip().lower()
    try:
        with transaction.atomic():
            subscriber, _created = Subscriber.objects.get_or_create(email=email)
    except IntegrityError:
        subscriber = Subscriber.objects.get(email=email)
    return subscriber


# --- Following -------------------------------------------------------------


@transaction.atomic
def follows_add(
    *, portal: Portal, actor, email: str = "", targets: list[tuple[str, str]]
) -> list[Follow]:
    """Follow a portal, sections, actors, a show or an event.

    A logged-in resident follows at once; a visitor gets one confirmation
    link by email, and nothing is sent to that address about these follows
    until it is followed (double opt-in).
    """
    labels = []
    for target, key in targets:
        label = selectors.follow_label(portal, target, key)
        if label is None:
            raise ValidationError(_("On ne peut pas suivre cela dans ce quartier."))
        labels.append((target, key, label))
    if actor is not None and actor.is_authenticated:
        subscriber = subscriber_for_user(actor)
    elif email:
        subscriber = subscriber_for_email(email)
    else:
        raise ValidationError(_("Indiquez votre adresse email."))
    follows = []
    for target, key, label in labels:
        follow, _created = Follow.objects.get_or_create(
            subscriber=subscriber,
            portal=portal,
            target=target,
            key=key,
            defaults={"label": label[:200]},
        )
        follows.append(follow)
    pending = [f.pk for f in follows if f.confirmed_at is None]
    if pending and subscriber.user_id is not None:
        Follow.objects.filter(pk__in=pending).update(confirmed_at=timezone.now())
        for follow in follows:
            follow.confirmed_at = follow.confirmed_at or timezone.now()
    elif pending:
        from . import tasks

        # Asked again: the new link gives these follows another full week
        # before the purge of unconfirmed ones.
        Follow.objects.filter(pk__in=pending).update(created_at=timezone.now())
        _on_commit(tasks.send_follow_confirmation, subscriber_id=subscriber.pk)
    return follows


UNCONFIRMED_FOLLOW_DAYS = 7


@transaction.atomic
def follows_purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Forget the follows visitors never confirmed, once their link has
    expired (a week), and the addresses left with nothing confirmed.

    Nothing was ever sent to those addresses but the confirmation link;
    keeping them would hold personal data nobody agreed to. Returns how
    many follows were deleted.
    """
    cutoff = (now or timezone.now()) - timedelta(days=UNCONFIRMED_FOLLOW_DAYS)
    deleted, _by_model = Follow.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    Subscriber.objects.filter(
        user__isnull=True,
        confirmed_at__isnull=True,
        created_at__lt=cutoff,
        follows__isnull=True,
    ).delete()
    return deleted


def confirmation_token(subscriber: Subscriber) -> str:
    return tokens.make(tokens.CONFIRM, subscriber.pk, subscriber.email)


@transaction.atomic
def follows_confirm(*, token: str) -> list[Follow] | None:
    """Confirm the follows waiting for this address (None: a bad or expired
    link). Following the link again confirms nothing more."""
    payload = tokens.read(tokens.CONFIRM, token, max_age=tokens.CONFIRM_MAX_AGE)
    if payload is None:
        return None
    subscriber = Subscriber.objects.select_for_update().filter(pk=payload["s"]).first()
    if subscriber is None or not tokens.matches(payload, subscriber.email):
        return None
    now = timezone.now()
    pending = list(
        subscriber.follows.filter(confirmed_at__isnull=True).select_related("portal")
    )
    Follow.objects.filter(pk__in=[f.pk for f in pending]).update(confirmed_at=now)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
    return pending


@transaction.atomic
def follow_remove(*, subscriber: Subscriber, follow_id: int) -> None:
    Follow.objects.filter(subscriber=subscriber, pk=follow_id).delete()


@transaction.atomic
def preferences_set(*, subscriber: Subscriber, frequency: str) -> Subscriber:
    if frequency not in dict(Subscriber.FREQUENCY_CHOICES):
        raise ValidationError(_("Choisissez une fréquence dans la liste."))
    subscriber.frequency = frequency
    subscriber.save(update_fields=["frequency"])
    return subscriber


def subscriber_from_token(salt: str, token: str) -> tuple[Subscriber, dict] | None:
    payload = tokens.read(salt, token)
    if payload is None:
        return None
    subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
    if subscriber is None or not tokens.matches(payload, subscriber.email):
        return None
    return subscriber, payload


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[Subscriber, Portal | None] | None:
    """Stop what an email's unsubscribe link names: one portal's letter, or
    every notification email. Using it again changes nothing more."""
    found = subscriber_from_token(tokens.UNSUBSCRIBE, token)
    if found is None:
        return None
    subscriber, payload = found
    portal_id = payload.get("x")
    if isinstance(portal_id, int):
        portal = Portal.objects.filter(pk=portal_id).first()
        Follow.objects.filter(
            subscriber=subscriber, portal_id=portal_id, target=Follow.PORTAL
        ).delete()
        return subscriber, portal
    if subscriber.frequency != Subscriber.NEVER:
        subscriber.frequency = Subscriber.NEVER
        subscriber.save(update_fields=["frequency"])
    return subscriber, None


# --- Notifications ---------------------------------------------------------


def notify(
    *,
    subscriber_ids: list[int],
    portal: Portal | None,
    kind: str,
    title: str,
    url: str = "",
    urgent: bool = False,
) -> int:
    """Tell these subscribers something; emailed now to those who chose
    "immédiatement" (and to everyone when ``urgent``: an event they come to
    changed), later in their digest to the others."""
    ids = sorted(set(subscriber_ids))
    if not ids:
        return 0
    Notification.objects.bulk_create(
        Notification(
            subscriber_id=pk, portal=portal, kind=kind, title=title[:300], url=url
        )
        for pk in ids
    )
    now_ids = list(
        Subscriber.objects.filter(pk__in=ids)
        .exclude(frequency=Subscriber.NEVER)
        .filter(
            **({} if urgent else {"frequency": Subscriber.IMMEDIATE}),
        )
        .values_list("pk", flat=True)
    )
    from . import tasks

    for pk in now_ids:
        _on_commit(tasks.send_notifications, subscriber_id=pk)
    return len(ids)


def notify_user(*, user, portal, kind: str, title: str, url: str = "") -> None:
    if user is None or not user.is_active or not user.email:
        return
    subscriber = subscriber_for_user(user)
    notify(
        subscriber_ids=[subscriber.pk], portal=portal, kind=kind, title=title, url=url
    )


@transaction.atomic
def notifications_mark_read(*, subscriber: Subscriber) -> int:
    return subscriber.notifications.filter(read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- "Je participe" --------------------------------------------------------


class RegistrationClosed(Exception):
    pass


def _options(event) -> EventOptions:
    try:
        with transaction.atomic():
            options, _created = EventOptions.objects.get_or_create(event=event)
    except IntegrityError:
        options = EventOptions.objects.get(event=event)
    return options


def attendance_register(
    *, portal: Portal, event, actor, email: str = "", name: str = ""
) -> Attendance:
    """Register one person (account or email) for a public event.

    The event's options row is locked while places are counted, so two
    people taking the last place at once cannot both get it: the second
    goes on the waiting list.
    """
    if event.portal_id != portal.pk or not selectors.follow_label(
        portal, Follow.EVENT, str(event.pk)
    ):
        raise RegistrationClosed(_("Cet événement n'est pas ouvert aux inscriptions."))
    options = _options(event)
    if actor is not None and actor.is_authenticated:
        email = actor.email
        name = name or actor.public_name
        user = actor
    else:
        user = None
    email = email.strip().lower()
    with transaction.atomic():
        options = EventOptions.objects.select_for_update().get(pk=options.pk)
        if not options.registrations_open:
            raise RegistrationClosed(_("Les inscriptions à cet événement sont closes."))
        attendance = (
            Attendance.objects.select_for_update()
            .filter(event=event, email=email)
            .first()
        )
        if attendance is not None and attendance.status != Attendance.CANCELLED:
            return attendance
        taken = selectors.confirmed_count(event)
        full = options.capacity is not None and taken >= options.capacity
        status = Attendance.WAITING if full else Attendance.CONFIRMED
        if attendance is None:
            attendance = Attendance(portal=portal, event=event, email=email)
        attendance.user = user
        attendance.name = name[:100]
        attendance.status = status
        attendance.reminded_for = None
        attendance.save()
        from . import tasks

        _on_commit(
            tasks.send_attendance_email,
            attendance_id=attendance.pk,
            reason="waiting" if full else "confirmed",
        )
    return attendance


def attendance_token(attendance: Attendance) -> str:
    return tokens.make(
        tokens.ATTENDANCE, attendance.pk, attendance.email, extra=attendance.event_id
    )


def _promote(event, options: EventOptions) -> None:
    """Give freed places to the waiting list, first come first served."""
    from . import tasks

    while True:
        taken = selectors.confirmed_count(event)
        if options.capacity is not None and taken >= options.capacity:
            return
        waiting = (
            Attendance.objects.filter(event=event, status=Attendance.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if waiting is None:
            return
        waiting.status = Attendance.CONFIRMED
        waiting.save(update_fields=["status"])
        _on_commit(
            tasks.send_attendance_email, attendance_id=waiting.pk, reason="promoted"
        )


def attendance_cancel(*, token: str) -> Attendance | None:
    payload = tokens.read(tokens.ATTENDANCE, token)
    if payload is None or not isinstance(payload.get("x"), int):
        return None
    with transaction.atomic():
        attendance = (
            Attendance.objects.select_related("event", "portal")
            .filter(pk=payload["s"], event_id=payload["x"])
            .first()
        )
        if attendance is None or not tokens.matches(payload, attendance.email):
            return None
        if attendance.status == Attendance.CANCELLED:
            return attendance
        options = EventOptions.objects.select_for_update().get(
            pk=_options(attendance.event).pk
        )
        was_confirmed = attendance.status == Attendance.CONFIRMED
        attendance.status = Attendance.CANCELLED
        attendance.save(update_fields=["status"])
        if was_confirmed:
            _promote(attendance.event, options)
    return attendance


def can_see_attendees(user, portal: Portal, event) -> bool:
    if access.is_animator(user, portal):
        return True
    return bool(
        user.is_authenticated
        and user.pk in (event.organiser_user_id, event.created_by_id)
    )


@transaction.atomic
def event_options_set(
    *, portal: Portal, actor, event, capacity: int | None, registrations_open: bool
) -> EventOptions:
    if event.portal_id != portal.pk or not can_see_attendees(actor, portal, event):
        raise PermissionDenied
    options = EventOptions.objects.select_for_update().get(pk=_options(event).pk)
    options.capacity = capacity
    options.registrations_open = registrations_open
    options.save()
    _promote(event, options)
    return options


# --- La lettre du quartier -------------------------------------------------


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class Composed:
    letter: Letter
    created: bool


@transaction.atomic
def letter_compose(
    *, portal: Portal, week_start: date, now: datetime | None = None
) -> Composed | None:
    """The draft of the week's letter (made once: composing again returns
    the draft the animator may already have edited); None when the week
    brought nothing to tell."""
    now = now or timezone.now()
    existing = Letter.objects.filter(portal=portal, week_start=week_start).first()
    if existing is not None:
        return Composed(existing, False)
    items = selectors.week_news(
        portal, now - timedelta(days=7), now
    ) + selectors.coming_events(portal, now, now + timedelta(days=14))
    if not items:
        return None
    number = (
        Letter.objects.filter(portal=portal).aggregate(top=Max("number"))["top"] or 0
    ) + 1
    letter = Letter.objects.create(
        portal=portal,
        number=number,
        week_start=week_start,
        items=items,
        send_after=now + timedelta(hours=settings.QUARTIERS_LETTER_REVIEW_HOURS),
    )
    return Composed(letter, True)


@transaction.atomic
def letter_edit(
    *,
    portal: Portal,
    actor,
    letter_id: int,
    intro: str,
    order: list[int],
    keep: set[int],
    send_now: bool = False,
) -> Letter:
    """The animator's edit: a word on top, items reordered (``order`` gives
    the old index of each new position) and cut (``keep``)."""
    access.require_animator(actor, portal)
    letter = Letter.objects.select_for_update().get(portal=portal, pk=letter_id)
    if letter.status != Letter.DRAFT:
        raise ValidationError(_("Cette lettre est déjà partie : elle ne change plus."))
    items = list(letter.items)
    ranked = sorted(
        range(len(items)), key=lambda i: (order[i] if i < len(order) else i, i)
    )
    letter.items = [items[i] for i in ranked if i in keep]
    letter.intro = intro.strip()
    if send_now:
        letter.status = Letter.APPROVED
    letter.save()
    return letter


@transaction.atomic
def letter_release(*, letter_id: int) -> bool:
    """Start sending an approved letter, or a draft whose review time passed."""
    letter = Letter.objects.select_for_update().filter(pk=letter_id).first()
    if letter is None:
        return False
    ready = letter.status == Letter.APPROVED or (
        letter.status == Letter.DRAFT and letter.send_after <= timezone.now()
    )
    if not ready:
        return False
    letter.status = Letter.SENDING
    letter.sent_at = timezone.now()
    letter.save(update_fields=["status", "sent_at", "updated_at"])
    return True

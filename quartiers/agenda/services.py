"""Writes of the agenda: categories, proposed events, decisions, occurrences."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartiers.accounts.models import Membership
from quartiers.core import notify
from quartiers.directory.models import LocalActor
from quartiers.portals import access, audit
from quartiers.portals.constants import MODERATION_AFTER
from quartiers.portals.models import Portal
from quartiers.uploads.models import PortalImage

from . import recurrence
from .models import RESERVED_SLUGS, Event, EventCategory, Occurrence

DEFAULT_CATEGORIES = [
    ("Fête et convivialité", "fete"),
    ("Culture", "culture"),
    ("Sport", "sport"),
    ("Solidarité", "solidarite"),
    ("Réunion publique", "reunion-publique"),
    ("Jeunesse", "jeunesse"),
    ("Atelier", "atelier"),
]
# A timed event with no end leaves the upcoming list this long after it starts.
DEFAULT_LENGTH = timedelta(hours=2)
# Audit actions (registered with Wagtail in wagtail_hooks.py).
AUDIT_STATUS = {
    Event.PUBLISHED: "quartiers.agenda.event_publish",
    Event.REFUSED: "quartiers.agenda.event_refuse",
    Event.PENDING: "quartiers.agenda.event_pending",
}
AUDIT_CREATE = "wagtail.create"
AUDIT_EDIT = "wagtail.edit"
AUDIT_DELETE = "wagtail.delete"


def categories_create_defaults(portal: Portal) -> None:
    """Give a portal the usual event categories; the animator can change them."""
    for order, (name, slug) in enumerate(DEFAULT_CATEGORIES):
        EventCategory.objects.get_or_create(
            portal=portal, slug=slug, defaults={"name": name, "sort_order": order}
        )


ANIMATOR_PERMISSIONS = [
    f"{verb}_{model}"
    for model in ("event", "eventcategory")
    for verb in ("add", "change", "delete", "view")
]


def animator_permissions_grant(portal: Portal) -> None:
    """Let the portal's animators manage events in the admin.

    The admin listings and forms are filtered to their own portals
    (wagtail_hooks), so a model permission never reaches another portal.
    """
    group = portal.animator_group
    if group is None:
        return
    from django.contrib.auth.models import Permission

    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="agenda", codename__in=ANIMATOR_PERMISSIONS
        )
    )


def portal_setup(portal: Portal) -> None:
    """Run when a portal is created: categories and animators' rights."""
    categories_create_defaults(portal)
    animator_permissions_grant(portal)


@dataclass
class Photo:
    file: object
    alt: str
    consent: str = PortalImage.CONSENT_NOT_NEEDED


@dataclass
class EventFields:
    """What a proposal carries; ids are checked against the portal."""

    title: str
    start: datetime
    end: datetime | None = None
    all_day: bool = False
    description: str = ""
    recurrence: str = recurrence.NONE
    recurrence_until: date | None = None
    extra_dates: list[date] = field(default_factory=list)
    category_id: int | None = None
    place_actor_id: int | None = None
    place_name: str = ""
    place_address: str = ""
    organiser_actor_id: int | None = None
    is_free: bool = True
    price: str = ""
    accessibility: str = ""


def place_actors_for(portal: Portal):
    """Actors anyone may pick as the place: the portal's published ones."""
    return LocalActor.objects.filter(portal=portal, status=LocalActor.PUBLISHED)


def organiser_actors_for(portal: Portal, actor):
    """Actors this person may announce events for."""
    if actor is None or access.can_animate(actor, portal):
        return place_actors_for(portal)
    if not actor.is_authenticated:
        return LocalActor.objects.none()
    return place_actors_for(portal).filter(managers=actor)


def free_slug(portal: Portal, title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:80].strip("-") or "evenement"
    if base in RESERVED_SLUGS:
        base = f"{base}-evenement"
    events = Event.objects.filter(portal=portal, slug__startswith=base)
    if exclude_pk is not None:
        events = events.exclude(pk=exclude_pk)
    taken = set(events.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _check_can_propose(portal: Portal, actor) -> str | None:
    """The person's role in the portal; PermissionDenied if they may not propose."""
    if actor is None:
        return Membership.ANIMATOR  # the platform itself (demo seeding)
    if not actor.is_authenticated:
        raise PermissionDenied
    if access.is_coordinator(actor):
        return Membership.ANIMATOR
    role = access.role_in(actor, portal)
    if role is None:
        raise PermissionDenied(
            _("Rejoignez d'abord ce quartier pour y proposer un événement.")
        )
    return role


def _related(queryset, pk, field_name: str, message: str):
    if not pk:
        return None
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise ValidationError({field_name: message}) from None


def _publishes_at_once(portal: Portal, role: str | None, organiser) -> bool:
    if role == Membership.ANIMATOR:
        return True
    if role == Membership.PARTNER and organiser is not None:
        return True  # already checked: an actor this partner manages
    return portal.moderation_mode == MODERATION_AFTER


@transaction.atomic
def event_propose(
    *, portal: Portal, actor, fields: EventFields, photo: Photo | None = None
) -> Event:
    """A resident, partner or animator adds an event to the portal's agenda.

    Animators' events, partners' events for an actor they manage and every
    event of a portal that moderates afterwards go online at once; the others
    wait for an animator, who is told by email. ``actor`` None is the
    platform itself (demo seeding).
    """
    role = _check_can_propose(portal, actor)
    category = _related(
        EventCategory.objects.filter(portal=portal),
        fields.category_id,
        "category",
        _("Choisissez une catégorie dans la liste."),
    )
    place_actor = _related(
        place_actors_for(portal),
        fields.place_actor_id,
        "place_actor",
        _("Ce lieu n'est pas dans l'annuaire du quartier : choisissez dans la liste."),
    )
    organiser = _related(
        organiser_actors_for(portal, actor),
        fields.organiser_actor_id,
        "organiser_actor",
        _(
            "Vous ne pouvez annoncer d'événement que pour les structures que vous gérez."
        ),
    )
    event = Event(
        portal=portal,
        title=fields.title.strip(),
        description=fields.description.strip(),
        start=fields.start,
        end=fields.end,
        all_day=fields.all_day,
        recurrence=fields.recurrence,
        recurrence_until=fields.recurrence_until
        if fields.recurrence in (recurrence.WEEKLY, recurrence.MONTHLY)
        else None,
        extra_dates=[day.isoformat() for day in fields.extra_dates]
        if fields.recurrence == recurrence.DATES
        else [],
        category=category,
        place_actor=place_actor,
        place_name=fields.place_name.strip(),
        place_address=fields.place_address.strip(),
        organiser_actor=organiser,
        organiser_user=actor if organiser is None else None,
        is_free=fields.is_free,
        price="" if fields.is_free else fields.price.strip(),
        accessibility=fields.accessibility.strip(),
        created_by=actor,
        status=Event.PUBLISHED
        if _publishes_at_once(portal, role, organiser)
        else Event.PENDING,
    )
    event.slug = free_slug(portal, event.title)
    # Everything is checked before the photo is stored: nothing half-created.
    event.full_clean(exclude=["photo", "created_by", "organiser_user"])
    if photo is not None:
        image = PortalImage(
            title=f"{event.title[:80]} — photo",
            file=photo.file,
            collection=portal.collection,
            alt_text=photo.alt,
            consent=photo.consent,
            uploaded_by_user=actor,
        )
        image.save()
        event.photo = image
        event.photo_alt = photo.alt
    event.save()
    occurrences_rebuild(event=event)
    if event.status == Event.PENDING:
        access.email_animators(
            portal,
            subject=_("Événement à valider : %(title)s") % {"title": event.title},
            template="agenda/emails/to_animator_pending.txt",
            context={"event": event},
        )
    return event


NOTE_MAX_LENGTH = 2000


@transaction.atomic
def event_set_status(
    *, portal: Portal, actor, event_id: int, status: str, reason: str = ""
) -> Event:
    """The animator publishes or refuses a proposed event (or puts it back
    in waiting).

    ``reason`` is the animator's word to the person who proposed it
    (optional): it is kept on the event, written in the one audit entry and
    sent with the decision, and the proposer reads it in "Mes contributions".
    """
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    if status not in dict(Event.STATUS_CHOICES):
        raise ValueError(status)
    reason = (reason or "").strip()
    if len(reason) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Votre message est trop long : %(max)s caractères au plus.")
            % {"max": NOTE_MAX_LENGTH}
        )
    try:
        event = (
            Event.objects.select_for_update(of=("self",))
            .select_related("created_by", "portal")
            .get(pk=event_id, portal=portal)
        )
    except (Event.DoesNotExist, ValueError, TypeError):
        from django.http import Http404

        raise Http404 from None
    if event.status == status:
        return event
    event.status = status
    event.moderation_note = reason
    event.save(update_fields=["status", "moderation_note", "updated_at"])
    audit.record(
        portal=portal,
        actor=actor,
        instance=event,
        action=AUDIT_STATUS[status],
        reason=reason,
    )
    _tell_proposer(event, actor=actor)
    return event


def _tell_proposer(event: Event, *, actor) -> None:
    """The person who proposed the event hears the decision (not the
    animator deciding on their own event)."""
    person = event.created_by
    if (
        person is None
        or not person.email
        or event.status == Event.PENDING
        or person.pk == getattr(actor, "pk", None)
    ):
        return
    published = event.status == Event.PUBLISHED
    if published:
        subject = _("Votre événement « %(title)s » est dans l'agenda")
    else:
        subject = _("Votre événement « %(title)s » n'a pas été retenu")
    notify.email_person(
        to=person.email,
        subject=subject % {"title": event.title},
        template="agenda/emails/to_proposer_decided.txt",
        context={
            "person": person,
            "portal": event.portal,
            "event": event,
            "published": published,
            "note": event.moderation_note,
        },
    )


def occurrences_rebuild(*, event: Event) -> None:
    """Recompute the stored occurrences of an event after any change."""
    found = recurrence.expand(
        event.start,
        event.end,
        event.recurrence,
        until=event.recurrence_until,
        extra_dates=event.extra_days(),
    )
    Occurrence.objects.filter(event=event).delete()
    Occurrence.objects.bulk_create(
        Occurrence(
            portal_id=event.portal_id,
            event=event,
            start=item.start,
            end=item.end,
            ends_at=_leaves_list_at(item, event.all_day),
        )
        for item in found
    )
    finishes_at = max(
        (_leaves_list_at(item, event.all_day) for item in found), default=None
    )
    Event.objects.filter(pk=event.pk).update(finishes_at=finishes_at)
    event.finishes_at = finishes_at


def _leaves_list_at(item: recurrence.Occurrence, all_day: bool) -> datetime:
    if all_day:
        last_day = (item.end or item.start).astimezone(recurrence.PARIS).date()
        return recurrence.at_local_time(
            last_day + timedelta(days=1), datetime(2000, 1, 1)
        )
    return item.end or item.start + DEFAULT_LENGTH


@transaction.atomic
def event_admin_save(
    *, portal: Portal, actor, event: Event, fields: list[str] | tuple[str, ...] = ()
) -> Event:
    """Save an event as the animator's admin form filled it in.

    The author, a free address and the dates are set here, before anything
    is visible. A change of state is the animator's decision, audited as
    such (:func:`event_set_status`); the other changes leave one edit entry.
    """
    access.require_animator(actor, portal)
    if event.portal_id != portal.pk:
        raise PermissionDenied
    creating = event.pk is None
    new_status = event.status
    if not creating:
        stored = Event.objects.select_for_update().get(pk=event.pk)
        if not access.can_animate(actor, stored.portal):
            raise PermissionDenied
        # The state changes through the decision below, not with the form.
        event.status = stored.status
    if event.created_by_id is None:
        event.created_by = actor
    if not event.slug:
        event.slug = free_slug(portal, event.title, exclude_pk=event.pk)
    event.save()
    occurrences_rebuild(event=event)
    edited = [name for name in fields if name != "status"]
    if creating or edited:
        audit.record(
            portal=portal,
            actor=actor,
            instance=event,
            action=AUDIT_CREATE if creating else AUDIT_EDIT,
            fields=edited,
        )
    if not creating and new_status != event.status:
        # The word typed in the form goes with the decision.
        event = event_set_status(
            portal=portal,
            actor=actor,
            event_id=event.pk,
            status=new_status,
            reason=event.moderation_note,
        )
    return event


@transaction.atomic
def event_delete(*, portal: Portal, actor, event_id: int) -> None:
    """The animator deletes an event (its dates with it); the entry stays."""
    access.require_animator(actor, portal)
    try:
        event = Event.objects.select_for_update().get(pk=event_id, portal=portal)
    except (Event.DoesNotExist, ValueError, TypeError):
        from django.http import Http404

        raise Http404 from None
    audit.record(portal=portal, actor=actor, instance=event, action=AUDIT_DELETE)
    event.delete()

"""Writes of the directory: residents suggest actors, partners keep their
profile up to date, animators decide. Permission first, in a transaction."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartiers.core import notify
from quartiers.portals import access, audit
from quartiers.portals.models import Portal
from quartiers.uploads.models import PortalImage

from .models import LocalActor

# What residents and partners may fill in; status, portal, slug and managers
# stay with the animators.
PUBLIC_FIELDS = (
    "name",
    "kind",
    "description",
    "address",
    "postcode",
    "town",
    "latitude",
    "longitude",
    "opening_hours",
    "phone",
    "email",
    "website",
    "facebook_url",
    "instagram_url",
    "mastodon_url",
)
# Slugs taken by the section's own screens (/acteurs/carte/, /acteurs/suggerer/,
# /acteurs/mon-organisation/).
RESERVED_SLUGS = {"carte", "suggerer", "mon-organisation"}
# Audit actions (registered with Wagtail in wagtail_hooks.py).
AUDIT_STATUS = {
    LocalActor.PUBLISHED: "quartiers.directory.actor_publish",
    LocalActor.REFUSED: "quartiers.directory.actor_refuse",
    LocalActor.SUGGESTED: "quartiers.directory.actor_suggested",
}
AUDIT_CREATE = "wagtail.create"
AUDIT_EDIT = "wagtail.edit"


@dataclass
class Logo:
    file: object
    alt: str


def _unique_slug(portal: Portal, name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:150] or "acteur"
    actors = LocalActor.objects.filter(portal=portal, slug__startswith=base)
    if exclude_pk is not None:
        actors = actors.exclude(pk=exclude_pk)
    taken = set(actors.values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _apply(actor: LocalActor, fields: dict) -> None:
    unknown = set(fields) - set(PUBLIC_FIELDS)
    if unknown:
        raise ValueError(f"These fields cannot be set here: {sorted(unknown)}")
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(actor, name, value)


def _save_logo(portal: Portal, actor: LocalActor, user, logo: Logo) -> None:
    image = PortalImage(
        title=_("Logo — %(name)s") % {"name": actor.name[:100]},
        file=logo.file,
        collection=portal.collection,
        alt_text=logo.alt or _("Logo de %(name)s") % {"name": actor.name[:100]},
        consent=PortalImage.CONSENT_NOT_NEEDED,
        uploaded_by_user=user,
    )
    image.save()
    actor.logo = image


@transaction.atomic
def actor_suggest(
    *, portal: Portal, actor, fields: dict, logo: Logo | None = None
) -> LocalActor:
    """A member of the portal suggests an actor; the animators validate it."""
    access.require_member(
        actor, portal, _("Rejoignez d'abord ce quartier pour y suggérer un acteur.")
    )
    suggestion = LocalActor(
        portal=portal, status=LocalActor.SUGGESTED, suggested_by=actor
    )
    _apply(suggestion, fields)
    suggestion.slug = _unique_slug(portal, suggestion.name)
    suggestion.full_clean(exclude=["logo"])
    if logo is not None:
        _save_logo(portal, suggestion, actor, logo)
    suggestion.save()
    access.email_animators(
        portal,
        subject=_("Nouvel acteur suggéré : %(name)s") % {"name": suggestion.name},
        template="directory/emails/to_animator_suggested.txt",
        context={"actor": suggestion, "suggested_by": actor},
    )
    return suggestion


@transaction.atomic
def actor_update(
    *,
    portal: Portal,
    actor,
    actor_id: int,
    fields: dict,
    logo: Logo | None = None,
) -> LocalActor:
    """A partner account updates the profile it manages (or an animator does)."""
    if not actor.is_authenticated:
        raise Http404
    try:
        profile = LocalActor.objects.select_for_update().get(pk=actor_id, portal=portal)
    except (LocalActor.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    is_manager = profile.managers.filter(pk=actor.pk).exists()
    if not (is_manager or access.can_animate(actor, portal)):
        # Same answer as a missing profile: nobody learns what exists.
        raise Http404
    if profile.status == LocalActor.REFUSED and not access.can_animate(actor, portal):
        raise Http404
    _apply(profile, fields)
    profile.full_clean(exclude=["logo"])
    if logo is not None:
        _save_logo(portal, profile, actor, logo)
    profile.save()
    return profile


NOTE_MAX_LENGTH = 2000


def _decide(
    *, portal: Portal, actor, actor_id: int, status: str, reason: str = ""
) -> LocalActor:
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    reason = (reason or "").strip()
    if len(reason) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Votre message est trop long : %(max)s caractères au plus.")
            % {"max": NOTE_MAX_LENGTH}
        )
    try:
        profile = (
            LocalActor.objects.select_for_update(of=("self",))
            .select_related("suggested_by")
            .get(pk=actor_id, portal=portal)
        )
    except (LocalActor.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if profile.status == status:
        return profile
    profile.status = status
    profile.moderation_note = reason
    profile.save(update_fields=["status", "moderation_note", "updated_at"])
    audit.record(
        portal=portal,
        actor=actor,
        instance=profile,
        action=AUDIT_STATUS[status],
        reason=reason,
    )
    _tell_suggester(profile, portal, actor=actor)
    return profile


@transaction.atomic
def actor_publish(
    *, portal: Portal, actor, actor_id: int, reason: str = ""
) -> LocalActor:
    """The animator validates a suggested actor: it appears in the directory."""
    return _decide(
        portal=portal,
        actor=actor,
        actor_id=actor_id,
        status=LocalActor.PUBLISHED,
        reason=reason,
    )


@transaction.atomic
def actor_refuse(
    *, portal: Portal, actor, actor_id: int, reason: str = ""
) -> LocalActor:
    """The animator refuses a suggestion (or withdraws an actor); ``reason``,
    optional, is their word to the person who suggested it."""
    return _decide(
        portal=portal,
        actor=actor,
        actor_id=actor_id,
        status=LocalActor.REFUSED,
        reason=reason,
    )


@transaction.atomic
def actor_admin_save(
    *,
    portal: Portal,
    actor,
    profile: LocalActor,
    fields: list[str] | tuple[str, ...] = (),
    managers=None,
) -> LocalActor:
    """Save an actor as the animator's admin form filled it in.

    ``managers`` (the partner accounts, people of the portal) replaces the
    current ones when given. A change of state is the animator's decision
    (:func:`actor_publish`, :func:`actor_refuse`): audited as such, and the
    person who suggested the actor is told.
    """
    access.require_animator(actor, portal)
    if profile.portal_id != portal.pk:
        raise PermissionDenied
    creating = profile.pk is None
    new_status = profile.status
    if not creating:
        stored = LocalActor.objects.select_for_update().get(pk=profile.pk)
        if not access.can_animate(actor, stored.portal):
            raise PermissionDenied
        profile.status = stored.status
    if not profile.slug:
        profile.slug = _unique_slug(portal, profile.name, exclude_pk=profile.pk)
    profile.save()
    if managers is not None:
        profile.managers.set(
            [person for person in managers if access.is_member(person, portal)]
        )
    edited = [name for name in fields if name != "status"]
    if creating or edited:
        audit.record(
            portal=portal,
            actor=actor,
            instance=profile,
            action=AUDIT_CREATE if creating else AUDIT_EDIT,
            fields=edited,
        )
    if not creating and new_status != profile.status:
        # The word typed in the form goes with the decision.
        profile = _decide(
            portal=portal,
            actor=actor,
            actor_id=profile.pk,
            status=new_status,
            reason=profile.moderation_note,
        )
    return profile


def _tell_suggester(profile: LocalActor, portal: Portal, *, actor) -> None:
    person = profile.suggested_by
    if (
        person is None
        or profile.status == LocalActor.SUGGESTED
        or person.pk == getattr(actor, "pk", None)
    ):
        return
    notify.email_person(
        to=person.email,
        subject=_("Votre suggestion « %(name)s »") % {"name": profile.name},
        template="directory/emails/to_suggester_decided.txt",
        context={
            "actor": profile,
            "portal": portal,
            "person": person,
            "note": profile.moderation_note,
        },
    )

"""Writes about people: profiles, memberships, roles, export and deletion."""

import io
import json
import secrets
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartiers.portals import access, audit
from quartiers.portals.features import registry
from quartiers.portals.models import Portal
from quartiers.uploads import photos as images

from .models import Membership, User

# Audit actions (registered with Wagtail by the portals' admin).
AUDIT_ROLE = "quartiers.accounts.role_change"
AUDIT_REMOVE = "quartiers.accounts.member_remove"


@transaction.atomic
def membership_join(*, portal: Portal, actor) -> Membership:
    """A person joins a portal as a resident (nothing changes if already in)."""
    if not actor.is_authenticated:
        raise PermissionDenied
    membership, _created = Membership.objects.get_or_create(
        user=actor, portal=portal, defaults={"role": Membership.RESIDENT}
    )
    _sync_animator_group(membership.user, portal)
    return membership


@transaction.atomic
def membership_set_role(
    *, portal: Portal, actor, membership_id: int, role: str
) -> Membership:
    """An animator gives a member of their portal another role."""
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    if role not in dict(Membership.ROLE_CHOICES):
        raise ValidationError({"role": _("Ce rôle n'existe pas.")})
    membership = Membership.objects.select_for_update().get(
        pk=membership_id, portal=portal
    )
    if (
        membership.user_id == actor.pk
        and role != Membership.ANIMATOR
        and not actor.is_superuser
    ):
        raise ValidationError(
            {"role": _("Vous ne pouvez pas retirer votre propre rôle d'animation.")}
        )
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    _sync_animator_group(membership.user, portal)
    audit.record(
        portal=portal,
        actor=actor,
        instance=membership,
        action=AUDIT_ROLE,
        title=membership.user.public_name,
        old_role=previous,
        new_role=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, portal: Portal, actor, membership_id: int) -> None:
    """An animator removes a member from their portal (the account stays)."""
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    membership = Membership.objects.get(pk=membership_id, portal=portal)
    if membership.user_id == actor.pk:
        raise ValidationError(
            _("Vous ne pouvez pas vous retirer vous-même du portail.")
        )
    user = membership.user
    audit.record(
        portal=portal,
        actor=actor,
        instance=membership,
        action=AUDIT_REMOVE,
        title=user.public_name,
    )
    membership.delete()
    _sync_animator_group(user, portal)


def sync_animator_group(user, portal: Portal) -> None:
    """Give or take the portal's admin rights after a role changed."""
    _sync_animator_group(user, portal)


def _sync_animator_group(user, portal: Portal) -> None:
    """Keep the Wagtail group (page and collection rights) in step with the role."""
    is_animator = Membership.objects.filter(
        user=user, portal=portal, role=Membership.ANIMATOR
    ).exists()
    if portal.animator_group_id:
        if is_animator:
            user.groups.add(portal.animator_group_id)
        else:
            user.groups.remove(portal.animator_group_id)
    should_be_staff = (
        user.is_superuser
        or Membership.objects.filter(user=user, role=Membership.ANIMATOR).exists()
    )
    if user.is_staff != should_be_staff:
        user.is_staff = should_be_staff
        user.save(update_fields=["is_staff"])


@transaction.atomic
def profile_update(
    *, actor, display_name: str, bio: str, avatar_file=None, remove_avatar: bool = False
) -> User:
    """A person edits their own profile; a new photo is re-encoded without metadata."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    user.display_name = display_name.strip()
    user.bio = bio.strip()
    if remove_avatar and user.avatar:
        user.avatar.delete(save=False)
        user.avatar = ""
    if avatar_file is not None:
        content = images.clean_photo(avatar_file, max_side=512)
        if user.avatar:
            user.avatar.delete(save=False)
        user.avatar_token = secrets.token_hex(8)
        user.avatar.save("photo.jpg", content, save=False)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def personal_data_archive(*, actor) -> bytes:
    """Everything the platform holds about this person: a zip of JSON and files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        summary: dict[str, object] = {
            "genere_le": timezone.now().isoformat(),
            "plateforme": "Avis de Quartiers",
        }
        for item in registry.personal_data():
            summary[item.name] = item.export(actor)
            for field_file in item.files(actor):
                name = field_file.name.rsplit("/", 1)[-1]
                with field_file.open("rb") as handle:
                    archive.writestr(f"fichiers/{name}", handle.read())
        archive.writestr(
            "mes-donnees.json", json.dumps(summary, ensure_ascii=False, indent=2)
        )
        archive.writestr(
            "LISEZMOI.txt",
            _(
                "Voici toutes les données qu'Avis de Quartiers conserve à votre sujet.\n"
                "Le fichier mes-donnees.json les contient au format JSON ; le dossier "
                "fichiers/ contient vos photos et autres fichiers.\n"
            ),
        )
    return buffer.getvalue()


@transaction.atomic
def account_delete(*, actor, keep_contributions: bool) -> None:
    """Delete the account; contributions are removed or kept as "ancien·ne participant·e".

    Every app erases or anonymises what it holds first (registered in the
    feature registry); then the sessions end and the account row goes.
    """
    if not actor.is_authenticated:
        raise PermissionDenied
    user = User.objects.select_for_update().get(pk=actor.pk)
    for item in registry.personal_data():
        item.erase(user, keep_contributions)
    # Every other session of this person ends with the row: Django finds no
    # user behind it (ids are never reused) and treats it as anonymous.
    user.delete()

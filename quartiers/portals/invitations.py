"""Inviting people to a portal, and opening a new portal to residents.

An animator invites someone by email with a role on their own portal
(resident, trusted contributor, partner, animator); the network coordinator
may invite on any portal, which is how a new portal gets its first animator.
The link carries a token signed with the site's secret: it names the
invitation and a random secret whose digest only is stored. It expires
(``QUARTIERS_INVITATION_DAYS``), works once, and may be cancelled.

Accepting creates the account (its address is verified: the person read the
email) or joins the account already logged in, and gives the role on that
portal, never less than a role the person already has.

A portal is listed on the hub and offered at sign-up once it has an active
animator and is open (``portal_open``).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from quartiers.accounts.models import Invitation, Membership
from quartiers.core import notify

from . import access
from .models import Portal

SALT = "quartiers.invitation"
DEFAULT_DAYS = 14


def lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "QUARTIERS_INVITATION_DAYS", DEFAULT_DAYS))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _token(invitation: Invitation, secret: str) -> str:
    return signing.dumps({"i": invitation.pk, "s": secret}, salt=SALT, compress=True)


def invitation_path(token: str) -> str:
    return f"/compte/invitation/{token}/"


# -- inviting ------------------------------------------------------------------


def _check_can_invite(actor, portal: Portal, role: str) -> None:
    if role not in dict(Membership.ROLE_CHOICES):
        raise ValidationError({"role": _("Choisissez un rôle dans la liste.")})
    if not access.is_animator(actor, portal):
        raise PermissionDenied


@transaction.atomic
def invitation_create(
    *, portal: Portal, actor, email: str, role: str
) -> tuple[Invitation, str]:
    """Invite a person by email; answers the invitation and its link's token.

    The email goes out after commit. An earlier invitation still waiting for
    the same address on the same portal is replaced (its link stops working).
    """
    _check_can_invite(actor, portal, role)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {
                "email": _(
                    "Cette adresse email n'est pas valide (exemple : prenom@exemple.fr)."
                )
            }
        ) from None
    existing = (
        Membership.objects.filter(portal=portal, user__email__iexact=email)
        .values_list("role", flat=True)
        .first()
    )
    if existing == role or existing == Membership.ANIMATOR:
        raise ValidationError(
            {"email": _("Cette personne a déjà ce rôle dans ce quartier.")}
        )
    now = timezone.now()
    Invitation.objects.filter(
        portal=portal,
        email=email,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    ).update(cancelled_at=now)
    secret = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        portal=portal,
        email=email,
        role=role,
        invited_by=actor,
        secret_digest=_digest(secret),
        expires_at=now + lifetime(),
    )
    token = _token(invitation, secret)
    _send(invitation, token)
    return invitation, token


def _send(invitation: Invitation, token: str) -> None:
    """The invitation email, to the invited address only (after commit)."""
    notify.email_person(
        to=invitation.email,
        subject=_("Invitation à rejoindre %(portal)s")
        % {"portal": invitation.portal.name},
        template="accounts/emails/invitation.txt",
        context={
            "invitation": invitation,
            "portal": invitation.portal,
            "inviter": invitation.invited_by,
            "role": invitation.get_role_display(),
            "path": invitation_path(token),
            "days": lifetime().days,
        },
    )


@transaction.atomic
def invitation_cancel(*, actor, invitation_id) -> Invitation:
    invitation = access.access_animated(
        actor, Invitation.objects.select_for_update(), invitation_id
    )
    if invitation.accepted_at is None and invitation.cancelled_at is None:
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
    return invitation


# -- reading a link ------------------------------------------------------------


@dataclass
class LinkState:
    """What a link says: the invitation, or why it no longer works."""

    invitation: Invitation | None
    problem: str = ""

    @property
    def usable(self) -> bool:
        return self.invitation is not None and not self.problem


def invitation_from_token(token: str, *, for_update: bool = False) -> LinkState:
    """The invitation a link names, checked (no write)."""
    try:
        data = signing.loads(token or "", salt=SALT)
        pk, secret = int(data["i"]), str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError):
        return LinkState(
            None,
            _(
                "Ce lien d'invitation n'est pas valide. Vérifiez qu'il a été copié en "
                "entier, ou demandez une nouvelle invitation."
            ),
        )
    queryset = Invitation.objects.select_related("portal", "invited_by")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(pk=pk).first()
    if invitation is None or not constant_time_compare(
        invitation.secret_digest, _digest(secret)
    ):
        return LinkState(
            None,
            _(
                "Ce lien d'invitation n'est pas valide. Vérifiez qu'il a été copié en "
                "entier, ou demandez une nouvelle invitation."
            ),
        )
    if invitation.accepted_at is not None:
        return LinkState(
            invitation,
            _("Cette invitation a déjà été acceptée. Connectez-vous pour continuer."),
        )
    if invitation.cancelled_at is not None:
        return LinkState(
            invitation,
            _(
                "Cette invitation a été annulée ou remplacée par une plus récente. "
                "Demandez une nouvelle invitation à l'équipe d'animation."
            ),
        )
    if invitation.expires_at <= timezone.now():
        return LinkState(
            invitation,
            _(
                "Cette invitation a expiré. Demandez-en une nouvelle à l'équipe "
                "d'animation de %(portal)s."
            )
            % {"portal": invitation.portal.name},
        )
    return LinkState(invitation)


def account_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()


# -- accepting -------------------------------------------------------------------


def _give_role(user, invitation: Invitation) -> Membership:
    from quartiers.accounts import services as account_services

    membership, _created = Membership.objects.select_for_update().get_or_create(
        user=user, portal=invitation.portal, defaults={"role": invitation.role}
    )
    # An invitation never takes a role away (an animator stays one).
    if membership.role != Membership.ANIMATOR and membership.role != invitation.role:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    account_services.sync_animator_group(user, invitation.portal)
    return membership


def _new_account(email: str, *, display_name: str, password: str):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user = User(email=email, display_name=(display_name or "").strip()[:60])
    if password:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    # The person opened the link sent to this address: it is verified.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@transaction.atomic
def invitation_accept(
    *, token: str, actor=None, display_name: str = "", password: str = ""
) -> tuple[Membership, object]:
    """Accept an invitation: as the logged-in person (``actor``), or by
    creating the invited address's account. Answers (membership, user)."""
    state = invitation_from_token(token, for_update=True)
    if not state.usable:
        raise ValidationError(state.problem)
    invitation = state.invitation
    assert invitation is not None
    if actor is not None and getattr(actor, "is_authenticated", False):
        user = actor
    else:
        if account_exists(invitation.email):
            raise ValidationError(
                _(
                    "Un compte existe déjà avec cette adresse : connectez-vous, "
                    "puis rouvrez le lien de l'invitation."
                )
            )
        user = _new_account(
            invitation.email, display_name=display_name, password=password
        )
    membership = _give_role(user, invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership, user


# -- opening a portal ----------------------------------------------------------


@transaction.atomic
def portal_open(*, portal: Portal, actor, is_open: bool = True) -> Portal:
    """List the portal on the hub and at sign-up (it needs an animator)."""
    if not access.is_animator(actor, portal):
        raise PermissionDenied
    portal = Portal.objects.select_for_update().get(pk=portal.pk)
    if is_open and not access.portal_animators(portal).exists():
        raise ValidationError(
            _(
                "Ce quartier n'a pas encore d'animateur ou d'animatrice : invitez "
                "quelqu'un avant de l'ouvrir."
            )
        )
    if portal.is_open != is_open:
        portal.is_open = is_open
        portal.save(update_fields=["is_open"])
    return portal


def pending_invitations(portals):
    """Invitations still waiting, newest first (a bounded page is taken)."""
    return (
        Invitation.objects.filter(
            portal__in=portals,
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("portal", "invited_by")
        .order_by("-created_at", "-pk")
    )

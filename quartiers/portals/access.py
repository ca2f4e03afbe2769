"""Who may act on which portal: the one place that answers it.

Every role check takes ``(user, portal)`` in that order. Every
``access_<thing>(user, portal, id)`` helper answers the same 404 for a
missing object, an object of another portal, a malformed id and a person
without the role: a stranger learns nothing by probing ids.

"The animators of a portal" is one selector (``portal_animators``) that skips
deactivated accounts, and ``email_animators`` is the one way to write to
them all.
"""

from typing import TypeVar

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from quartiers.accounts import staff_mail
from quartiers.accounts.models import Membership

from .constants import MODERATION_AFTER
from .models import Portal

# Malformed ids (letters, huge numbers, lists) are "missing", never a 500.
_BAD_ID = (ValueError, TypeError, OverflowError)


def _active(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
    )


# -- roles (user, portal) -----------------------------------------------------


def is_coordinator(user) -> bool:
    return _active(user) and bool(user.is_superuser)


def role_in(user, portal: Portal) -> str | None:
    """This person's role in the portal, or None (deactivated: None)."""
    if not _active(user) or portal is None:
        return None
    return (
        Membership.objects.filter(user=user, portal=portal)
        .values_list("role", flat=True)
        .first()
    )


def is_member(user, portal: Portal) -> bool:
    """Whether this person has joined the portal (any role)."""
    return role_in(user, portal) is not None


def is_animator(user, portal: Portal) -> bool:
    """Whether this person runs the portal: its animators and coordinators."""
    if is_coordinator(user):
        return True
    return role_in(user, portal) == Membership.ANIMATOR


# The older name, same argument order.
can_animate = is_animator


def require_member(user, portal: Portal, message: str = "") -> None:
    """Refuse (PermissionDenied, with ``message`` for members-to-be) unless
    this person has joined the portal."""
    if not _active(user):
        raise PermissionDenied
    if not is_member(user, portal):
        raise PermissionDenied(message) if message else PermissionDenied


def require_animator(user, portal: Portal, message: str = "") -> None:
    """Refuse unless this person runs the portal."""
    if not is_animator(user, portal):
        raise PermissionDenied(message) if message else PermissionDenied


def animated_portals(user) -> QuerySet[Portal]:
    """The portals this person may run from the admin."""
    if not _active(user):
        return Portal.objects.none()
    if is_coordinator(user):
        return Portal.objects.all()
    return Portal.objects.filter(
        memberships__user=user, memberships__role=Membership.ANIMATOR
    )


def animates_any_portal(user) -> bool:
    return animated_portals(user).exists()


def require_animates_any_portal(user) -> None:
    """For the animators' screens that span their portals: 404 to others."""
    if not animates_any_portal(user):
        raise Http404


def publishes_without_review(user, portal: Portal) -> bool:
    """Whether this person's blog posts and comments go online at once.

    True for trusted contributors and animators, and for everyone when the
    portal moderates after publication.
    """
    if portal.moderation_mode == MODERATION_AFTER:
        return True
    if is_coordinator(user):
        return True
    return role_in(user, portal) in (Membership.TRUSTED, Membership.ANIMATOR)


# -- the animators of a portal -------------------------------------------------


def portal_animators(portal: Portal):
    """The people who animate the portal, deactivated accounts left out."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__portal=portal,
            memberships__role=Membership.ANIMATOR,
        )
        .order_by("pk")
        .distinct()
    )


def email_animators(
    portal: Portal, *, subject: str, template: str, context: dict
) -> int:
    """Email every active animator of the portal, once each (after commit,
    or kept for the daily summary of those who chose one).

    Each email is rendered with ``person`` (the animator) and ``portal`` in
    its context. Returns the number of emails.
    """
    sent = 0
    for person in portal_animators(portal):
        if not person.email:
            continue
        # At once, or in the person's daily summary (their choice).
        staff_mail.email_staff(
            person=person,
            subject=subject,
            template=template,
            context={"portal": portal, **context, "person": person},
        )
        sent += 1
    return sent


# -- access_<thing>(user, portal, id): one 404 for missing and not yours ------

# Whatever model the queryset holds is what the helper answers.
M = TypeVar("M", bound=Model)


def access_in_portal(queryset: QuerySet[M], portal: Portal, object_id) -> M:
    """The object of ``queryset`` with this id that belongs to ``portal``.

    The queryset's model has a ``portal`` key. Missing, another portal's and
    malformed ids all answer the same 404.
    """
    if portal is None:
        raise Http404
    try:
        return queryset.get(pk=int(object_id), portal=portal)
    except (ObjectDoesNotExist, *_BAD_ID):
        raise Http404 from None


def access_portal(user, portal_id) -> Portal:
    """A portal this person runs, by id; 404 otherwise."""
    try:
        return animated_portals(user).get(pk=int(portal_id))
    except (Portal.DoesNotExist, *_BAD_ID):
        raise Http404 from None


# The older name.
access_portal_for_animation = access_portal


def access_membership(user, portal: Portal, membership_id) -> Membership:
    """A membership of a portal this person runs; 404 otherwise."""
    if not is_animator(user, portal):
        raise Http404
    return access_in_portal(
        Membership.objects.select_related("user", "portal"), portal, membership_id
    )


def access_membership_in_portal(portal: Portal, membership_id) -> Membership:
    """A membership of this portal (call after access_portal)."""
    return access_in_portal(
        Membership.objects.select_related("user", "portal"), portal, membership_id
    )


def access_animated(user, queryset: QuerySet, object_id) -> Model:
    """An object (with a ``portal`` key) of one of the portals this person
    runs; 404 for missing, other portals' and malformed ids alike."""
    try:
        return queryset.filter(portal__in=animated_portals(user)).get(pk=int(object_id))
    except (queryset.model.DoesNotExist, *_BAD_ID):
        raise Http404 from None

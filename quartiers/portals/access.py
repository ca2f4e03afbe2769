"""Who may act on which portal. Missing and "not yours" answer the same 404."""

from django.db.models import QuerySet
from django.http import Http404

from quartiers.accounts.models import Membership

from .constants import MODERATION_AFTER
from .models import Portal


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def animated_portals(user) -> QuerySet[Portal]:
    """The portals this person may run from the admin."""
    if not user.is_authenticated or not user.is_active:
        return Portal.objects.none()
    if is_coordinator(user):
        return Portal.objects.all()
    return Portal.objects.filter(
        memberships__user=user, memberships__role=Membership.ANIMATOR
    )


def can_animate(user, portal: Portal) -> bool:
    if is_coordinator(user):
        return True
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, portal=portal, role=Membership.ANIMATOR
    ).exists()


def access_portal_for_animation(user, portal_id: int) -> Portal:
    try:
        return animated_portals(user).get(pk=portal_id)
    except (Portal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_membership_in_portal(portal: Portal, membership_id: int) -> Membership:
    """A membership of this portal (call after access_portal_for_animation)."""
    try:
        return Membership.objects.select_related("user", "portal").get(
            pk=membership_id, portal=portal
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def role_in(user, portal: Portal) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, portal=portal)
        .values_list("role", flat=True)
        .first()
    )


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

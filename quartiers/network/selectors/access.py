"""Shares and proposals looked up for one portal or one animator: a missing
one and another portal's answer the same 404."""

from django.http import Http404

from quartiers.portals import access
from quartiers.portals.models import Portal

from ..models import Share, ShareProposal


def proposal_in_portal(
    *, portal: Portal, proposal_id, for_update: bool = False
) -> ShareProposal:
    queryset = ShareProposal.objects.filter(portal=portal)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    try:
        return queryset.select_related("share", "share__portal").get(
            pk=int(proposal_id)
        )
    except (ShareProposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def proposal_for_user(user, proposal_id) -> ShareProposal:
    """A proposal received by one of the portals this person animates."""
    try:
        return (
            ShareProposal.objects.filter(portal__in=access.animated_portals(user))
            .select_related("portal", "share", "share__portal", "share__page")
            .get(pk=int(proposal_id))
        )
    except (ShareProposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def share_of_portal(*, portal: Portal, share_id, for_update: bool = False) -> Share:
    queryset = Share.objects.filter(portal=portal)
    if for_update:
        queryset = queryset.select_for_update()
    try:
        return queryset.get(pk=int(share_id))
    except (Share.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def share_for_user(user, share_id) -> Share:
    """A share made by one of the portals this person animates."""
    try:
        return (
            Share.objects.filter(portal__in=access.animated_portals(user))
            .select_related("portal", "page", "event")
            .get(pk=int(share_id))
        )
    except (Share.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

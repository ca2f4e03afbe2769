"""The live condition: a shared piece shows only while it is online at its
origin (a live, public page under live pages; a published event not over
yet), its share is active and the origin shows the section."""

from datetime import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from wagtail.models import Page

from quartiers.agenda.models import Event
from quartiers.portals import visibility

from .. import kinds
from ..models import Share, ShareProposal


def live_pages() -> QuerySet[Page]:
    # Live, with every page above them live (the show of an episode...).
    return visibility.ancestors_live(Page.objects.live().public()).values("pk")


def live_condition(prefix: str = "", now: datetime | None = None) -> Q:
    """Q for shares (prefix "" ) or proposals (prefix "share__") whose item
    is online at its origin now."""
    now = now or timezone.now()
    return Q(**{f"{prefix}withdrawn_at__isnull": True}) & (
        Q(**{f"{prefix}page__in": live_pages()})
        | (
            Q(**{f"{prefix}event__status": Event.PUBLISHED})
            & (
                Q(**{f"{prefix}event__finishes_at__isnull": True})
                | Q(**{f"{prefix}event__finishes_at__gte": now})
            )
        )
    )


def share_item_is_live(share: Share) -> bool:
    return Share.objects.filter(pk=share.pk).filter(live_condition()).exists()


def accepted_page_ids(portal_ids, kind: str) -> QuerySet:
    """Ids of the pages of this kind that the portal(s) ``portal_ids`` (ids
    or a subquery) accepted from other portals, in active shares: a
    subquery; the caller keeps only live pages). A page leaves when its
    origin takes it, a page above it or the whole portal offline, or switches
    its section off (the one visibility rule)."""
    return (
        ShareProposal.objects.filter(
            portal_id__in=portal_ids,
            status=ShareProposal.ACCEPTED,
            share__kind=kind,
            share__withdrawn_at__isnull=True,
            share__page__in=live_pages(),
            share__portal_id__in=visibility.public_portal_ids(kinds.section_key(kind)),
        )
        .exclude(share__portal_id__in=portal_ids)
        .values("share__page_id")
    )


def accepted_event_ids(portal_ids) -> QuerySet:
    """Ids of the events that the portal(s) ``portal_ids`` accepted from
    other portals (a subquery; the agenda keeps only published ones), while
    the origin is online and shows its agenda."""
    return (
        ShareProposal.objects.filter(
            portal_id__in=portal_ids,
            status=ShareProposal.ACCEPTED,
            share__withdrawn_at__isnull=True,
            share__event__isnull=False,
            share__portal_id__in=visibility.public_portal_ids(
                kinds.section_key(Share.EVENT)
            ),
        )
        .exclude(share__portal_id__in=portal_ids)
        .values("share__event_id")
    )


def origin_name_of_page(portal_ids) -> Subquery:
    """For an annotation on pages: the name of the portal that shared the
    page with the portal ``portal_ids`` (None for its own pages)."""
    return Subquery(
        ShareProposal.objects.filter(
            portal_id__in=portal_ids,
            status=ShareProposal.ACCEPTED,
            share__withdrawn_at__isnull=True,
            share__page_id=OuterRef("pk"),
        )
        .exclude(share__portal_id__in=portal_ids)
        .values("share__portal__name")[:1]
    )

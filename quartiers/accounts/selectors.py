"""Reads about people, scoped to a portal where they concern one."""

from datetime import UTC, datetime

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from quartiers.portals.models import Portal

from . import contributions
from .contributions import Contribution, ContributionSource
from .models import Membership


def memberships_of(user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("portal")
        .order_by("portal__name")
    )


def portal_members_page(
    *,
    portal: Portal,
    role: str | None = None,
    query: str = "",
    page_number=None,
    per_page: int = 50,
) -> Page:
    queryset = Membership.objects.filter(portal=portal).select_related("user")
    if role in dict(Membership.ROLE_CHOICES):
        queryset = queryset.filter(role=role)
    if query:
        queryset = queryset.filter(
            user__email__icontains=query[:100]
        ) | queryset.filter(user__display_name__icontains=query[:100])
    return Paginator(
        queryset.order_by("user__display_name", "user__email"), per_page
    ).get_page(page_number)


class _MergedContributions:
    """Every source's items for one person on one portal, newest first, read
    lazily: a page asks each source only for as many items as it needs."""

    def __init__(self, *, portal: Portal, user, kinds: list[ContributionSource]):
        self.portal, self.user, self.kinds = portal, user, kinds

    def count(self) -> int:
        return sum(kind.count(self.portal, self.user) for kind in self.kinds)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        stop = index.stop if index.stop is not None else self.count()
        found: list[Contribution] = []
        for kind in self.kinds:
            found.extend(kind.items(self.portal, self.user, stop))
        epoch = datetime.min.replace(tzinfo=UTC)
        found.sort(key=lambda item: item.updated_at or epoch, reverse=True)
        return found[index]


def contributions_page(
    *, portal: Portal, user, kind: str = "", page_number=None, per_page: int = 20
) -> Page:
    """One page of what ``user`` contributed to ``portal`` (every kind, or
    the one asked for), newest first. Nobody else's items ever show."""
    chosen = contributions.source(kind) if kind else None
    kinds = [chosen] if chosen is not None else contributions.sources()
    merged = _MergedContributions(portal=portal, user=user, kinds=kinds)
    return Paginator(merged, per_page).get_page(page_number)  # type: ignore[arg-type]

"""Reads about people, scoped to a portal where they concern one."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from quartiers.portals.models import Portal

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

"""Wagtail pages belong to the portal whose home page is their ancestor.

Counting pages per portal for many portals in one query: a page's first
``depth x steplen`` characters of ``path`` are its portal home's path.
"""

from collections.abc import Callable, Sequence

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Substr

from quartiers.portals import visibility

from .metrics import period_bounds


def _home_path_length():
    """steplen x the depth of portal home pages (all are children of the hub),
    as a scalar subquery: the database computes it once per query."""
    from wagtail.models import Page

    from quartiers.portals.models import PortalHomePage

    depth = Subquery(
        PortalHomePage.objects.order_by().values("depth")[:1],
        output_field=IntegerField(),
    )
    return depth * Page.steplen


def with_portal(queryset):
    """Annotate pages with ``stats_portal``: the portal whose tree holds them."""
    from quartiers.portals.models import Portal

    portal = Subquery(
        Portal.objects.filter(home_page__path=OuterRef("stats_home_path"))
        .order_by()
        .values("pk")[:1],
        output_field=IntegerField(),
    )
    return queryset.annotate(
        stats_home_path=Substr("path", 1, _home_path_length())
    ).annotate(stats_portal=portal)


def page_counts(queryset, portal_ids: Sequence[int]) -> dict[int, int]:
    """{portal_id: number of pages} for pages spread over portal trees."""
    from quartiers.portals.models import Portal

    homes = Portal.objects.filter(pk__in=portal_ids).values("home_page__path")
    rows = (
        queryset.order_by()
        .annotate(stats_home_path=Substr("path", 1, _home_path_length()))
        .filter(stats_home_path__in=homes)
        .values("stats_home_path")
        .annotate(
            n=Count("pk"),
            stats_portal=Subquery(
                Portal.objects.filter(home_page__path=OuterRef("stats_home_path"))
                .order_by()
                .values("pk")[:1],
                output_field=IntegerField(),
            ),
        )
        .values_list("stats_portal", "n")
    )
    return {portal_id: n for portal_id, n in rows if portal_id is not None}


def live_pages_published(model_label: str) -> Callable:
    def compute(portal_ids, start, end):
        model = apps.get_model(model_label)
        since, until = period_bounds(start, end)
        # What the public can read: every page above it live too.
        pages = visibility.ancestors_live(
            model.objects.live().filter(
                first_published_at__gte=since, first_published_at__lt=until
            )
        )
        return page_counts(pages, portal_ids)

    return compute

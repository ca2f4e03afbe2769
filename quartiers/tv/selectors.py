"""Reads of the web TV: scoped to a portal, constant in queries."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model

from quartiers.portals import visibility
from quartiers.portals.models import Portal
from quartiers.portals.selectors import in_subtree

from .models import Programme, TvIndexPage, VideoPage

CARD_SPEC = "fill-640x360"
POSTER_SPEC = "fill-1280x720"
TV_PAGE_SIZE = 12


def _renditions(spec: str):
    return get_image_model().get_rendition_model().objects.filter(filter_spec=spec)


def _cards(queryset: QuerySet[VideoPage]) -> QuerySet[VideoPage]:
    return (
        queryset.select_related("video", "programme", "poster")
        .prefetch_related(
            Prefetch("poster__renditions", queryset=_renditions(CARD_SPEC))
        )
        .order_by("-first_published_at", "-pk")
    )


def tv_of(portal: Portal) -> TvIndexPage | None:
    if not portal.home_page_id:
        return None
    return TvIndexPage.objects.child_of(portal.home_page).first()


def programmes_of(portal: Portal) -> list[Programme]:
    return list(Programme.objects.filter(portal=portal))


def live_videos(portal: Portal) -> QuerySet[VideoPage]:
    """Every published video of the portal (its own subtree only), nothing
    when the portal does not show its TV (the one visibility rule)."""
    home = portal.home_page
    if home is None or not visibility.section_shown(portal, "tv"):
        return VideoPage.objects.none()
    return visibility.ancestors_live(
        VideoPage.objects.live().public().filter(in_subtree(home.path))
    )


def videos_page(
    *, tv: TvIndexPage, programme: Programme | None, page_number
) -> PaginatorPage:
    """One page of the TV's published videos, newest first."""
    queryset = VideoPage.objects.live().public().child_of(tv)
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    return Paginator(_cards(queryset), TV_PAGE_SIZE).get_page(page_number)


def latest_videos(portal: Portal, limit: int = 4) -> list[VideoPage]:
    """The portal's newest published videos (home block, widgets)."""
    from quartiers.uploads.models import MediaAsset

    if not portal.home_page_id or not portal.section_enabled("tv"):
        return []
    playable = live_videos(portal).filter(video__status=MediaAsset.READY)
    return list(_cards(playable)[:limit])


def programme_neighbours(video: VideoPage, *, limit: int = 4) -> list[VideoPage]:
    """Other published videos of the same programme, newest first."""
    if not video.programme_id:
        return []
    siblings = (
        VideoPage.objects.live()
        .public()
        .sibling_of(video, inclusive=False)
        .filter(programme_id=video.programme_id)
    )
    return list(_cards(siblings)[:limit])

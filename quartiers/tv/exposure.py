"""What the TV shows to feeds, the API, search and widgets: the "video" kind."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartiers.portals import exposing
from quartiers.portals.features import ContentKind, ExposedItem
from quartiers.portals.models import Portal

from .models import VideoPage


def published_videos(portal: Portal | None) -> QuerySet[VideoPage]:
    """Published, playable videos of a portal (of every public portal if None)."""
    from quartiers.uploads.models import MediaAsset

    queryset = VideoPage.objects.live().public().filter(video__status=MediaAsset.READY)
    queryset = exposing.scope_pages(queryset, portal, "tv")
    queryset = exposing.with_image(queryset, "poster", exposing.IMAGE_SPEC)
    return queryset.select_related("portal", "video", "programme", "captions").order_by(
        "-first_published_at", "-pk"
    )


def video_to_item(video: VideoPage) -> ExposedItem:
    asset = video.video
    poster = exposing.publishable(video.poster)
    if poster is not None:
        poster_url = poster.get_rendition(exposing.IMAGE_SPEC).url
    else:
        poster_url = asset.poster_url or ""
    return ExposedItem(
        kind="video",
        id=video.pk,
        portal=video.portal,
        title=video.title,
        url=exposing.page_path(video),
        summary=exposing.summary_of(video.search_description, video.description),
        body_html=exposing.rich_text_html(video.description),
        image=poster,
        published_at=video.first_published_at,
        updated_at=video.last_published_at,
        category=video.programme.title if video.programme_id else "",
        extra={
            "duration": round(asset.duration) if asset.duration else None,
            "media_url": asset.video_720_url,
            "media_type": asset.mime_type,
            "media_length": asset.video_720_size,
            "poster": poster_url,
            "width": asset.width,
            "height": asset.height,
            "programme": video.programme.slug if video.programme_id else "",
            "image_alt": poster.default_alt_text if poster else "",
            **_captions(video),
        },
    )


def _captions(video: VideoPage) -> dict:
    """The captions file for players' <track> (WebVTT), when there is one."""
    if not video.captions_id:
        return {}
    return {
        "captions_url": video.captions.url,
        "captions_language": video.captions_language,
        "captions_label": str(video.captions_label),
    }


VIDEO_KIND = ContentKind(
    key="video",
    label=_("Vidéo"),
    label_plural=_("Vidéos"),
    model="tv.VideoPage",
    section_key="tv",
    published=published_videos,
    to_item=video_to_item,
    date_field="first_published_at",
    order=70,
    category_lookup="programme__slug",
)

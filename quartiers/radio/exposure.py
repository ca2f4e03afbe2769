"""What the radio shows to feeds, the API, search and widgets: the "episode" kind."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartiers.portals import exposing
from quartiers.portals.features import ContentKind, ExposedItem
from quartiers.portals.models import Portal

from .models import EpisodePage

SECTION = "radio"


def published_episodes(portal: Portal | None) -> QuerySet[EpisodePage]:
    """Published episodes with a ready sound, of a portal (every public one if None)."""
    from quartiers.uploads.models import MediaAsset

    queryset = (
        EpisodePage.objects.live().public().filter(audio__status=MediaAsset.READY)
    )
    queryset = exposing.scope_by_portal(queryset, portal, SECTION)
    queryset = exposing.with_image(queryset, "show__artwork", exposing.IMAGE_SPEC)
    return queryset.select_related("portal", "audio", "show").order_by(
        "-first_published_at", "-pk"
    )


def episode_to_item(episode: EpisodePage) -> ExposedItem:
    asset = episode.audio
    show = episode.show
    artwork = exposing.publishable(show.artwork) if show is not None else None
    return ExposedItem(
        kind="episode",
        id=episode.pk,
        portal=episode.portal,
        title=episode.title,
        url=exposing.page_path(episode),
        summary=exposing.summary_of(
            episode.search_description, episode.description, episode.transcript
        ),
        body_html=exposing.rich_text_html(episode.description),
        image=artwork,
        published_at=episode.first_published_at,
        updated_at=episode.last_published_at,
        author=(show.hosts or show.title) if show is not None else "",
        category=show.title if show is not None else "",
        extra={
            "duration": round(asset.duration) if asset.duration else None,
            "media_url": asset.audio_url,
            "media_type": asset.mime_type,
            "media_length": asset.audio_length,
            "show": show.slug if show is not None else "",
            "image_alt": artwork.default_alt_text if artwork else "",
        },
    )


EPISODE_KIND = ContentKind(
    key="episode",
    label=_("Épisode"),
    label_plural=_("Épisodes"),
    model="radio.EpisodePage",
    section_key=SECTION,
    published=published_episodes,
    to_item=episode_to_item,
    date_field="first_published_at",
    order=60,
    category_lookup="show__slug",
)

"""What the radio holds about a person: the audio testimonies they recorded."""

from django.db import transaction

from quartiers.uploads.media_services import delete_asset_files

from . import selectors
from .models import EpisodePage


def _testimonies(user):
    return (
        EpisodePage.objects.filter(contributor=user)
        .select_related("portal", "audio")
        .order_by("pk")
    )


def export_testimonies(user) -> dict:
    return {
        "temoignages_sonores": [
            {
                "titre": episode.title,
                "quartier": episode.portal.name if episode.portal_id else "",
                "adresse": selectors.page_path(episode),
                "publie": episode.live,
                "accord_de_diffusion_le": episode.broadcast_consent_at.isoformat()
                if episode.broadcast_consent_at
                else None,
            }
            for episode in _testimonies(user)
        ]
    }


def testimony_files(user) -> list:
    return [
        episode.audio.original
        for episode in _testimonies(user)
        if episode.audio_id and episode.audio.original
    ]


@transaction.atomic
def erase_testimonies(user, keep_contributions: bool) -> None:
    """Recordings never published always go; published ones stay (unsigned)
    only when the person chose to leave their contributions."""
    for episode in _testimonies(user):
        if keep_contributions and episode.live:
            EpisodePage.objects.filter(pk=episode.pk).update(contributor=None)
            continue
        asset = episode.audio
        episode.delete()
        if asset is not None:
            transaction.on_commit(lambda asset=asset: delete_asset_files(asset))
            asset.delete()

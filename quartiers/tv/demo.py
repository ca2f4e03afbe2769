"""Demo TV: two programmes and a few very short videos made on the spot.

The videos are test patterns generated locally with ffmpeg (never
downloaded), each source made once per run and reused by every portal.
Without ffmpeg the programmes are created and the videos skipped, with a
message that says why.
"""

import json
import logging
import tempfile
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from quartiers.accounts.models import Membership
from quartiers.uploads.probing import tools_available as media_tools_available

from . import selectors, services
from .models import Programme, VideoPage

logger = logging.getLogger(__name__)

PROGRAMMES = [
    (
        "Portraits du quartier",
        "Des habitantes et des habitants racontent leur métier, leur passion, "
        "leur histoire. Filmé par l'atelier vidéo de la maison de quartier.",
    ),
    (
        "Ça bouge au quartier",
        "Les fêtes, les chantiers, les matchs et les ateliers : ce qui se passe "
        "près de chez vous, en quelques minutes.",
    ),
]

# The demo journal's article about the same football tournament shows the
# video (the "Vidéo" block of articles).
ARTICLE_FOR_VIDEO = {2: "Tournoi de foot inter-quartiers"}

# (programme index, title, seconds, label on the test pattern, description,
#  credits, captions cues or None)
VIDEOS = [
    (
        1,
        "La fresque du square, de l'esquisse aux couleurs",
        3,
        "Fresque du square",
        "<p>Pendant trois samedis, les jeunes du quartier et l'artiste Nadia "
        "ont repeint le mur du square. Ils racontent le choix des couleurs et "
        "les voisins qui passaient donner un coup de main.</p>",
        "Réalisation : l'atelier vidéo des jeunes\nImages : Yanis et Inès\n"
        "Montage : Chloé\nMerci à l'amicale des locataires",
        [
            ("00:00.000", "00:01.500", "On a choisi les couleurs tous ensemble."),
            ("00:01.500", "00:03.000", "Le bleu, c'est pour le canal d'à côté."),
        ],
    ),
    (
        0,
        "Fatou, couturière de la rue des Lilas",
        2,
        "Portrait de Fatou",
        "<p>Fatou retouche les vêtements de tout le quartier depuis vingt ans. "
        "Elle nous ouvre son atelier et partage ses astuces pour raccourcir un "
        "pantalon sans machine.</p>",
        "Réalisation : Samira\nImages et son : Karim\nMontage : l'atelier vidéo",
        None,
    ),
    (
        1,
        "Le tournoi de foot des moins de 13 ans",
        4,
        "Tournoi U13",
        "<p>Huit équipes, un soleil radieux et une finale jouée aux tirs au "
        "but : retour sur le tournoi organisé par le club du quartier.</p>",
        "Réalisation : le club de foot\nImages : les parents supporters",
        None,
    ),
]

_sources: dict[str, Path] = {}
_warned = False


def _captions_text(cues) -> str:
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        lines += [str(number), f"{start} --> {end}", text, ""]
    return "\n".join(lines)


def _source(number: int, seconds: int, label: str) -> Path:
    """The generated source file of a demo video, made once per run."""
    from quartiers.uploads.demo_media import generate_video

    key = f"video-{number}"
    if key not in _sources or not _sources[key].exists():
        folder = Path(tempfile.mkdtemp(prefix="demo-tv-"))
        path = folder / f"demo-video-{number + 1}.mp4"
        generate_video(path, seconds=seconds, label=label)
        _sources[key] = path
    return _sources[key]


def _captions_file(number: int, cues) -> Path:
    key = f"captions-{number}"
    if key not in _sources or not _sources[key].exists():
        folder = Path(tempfile.mkdtemp(prefix="demo-tv-"))
        path = folder / f"sous-titres-{number + 1}.vtt"
        path.write_text(_captions_text(cues), encoding="utf-8")
        _sources[key] = path
    return _sources[key]


def _can_make_videos() -> bool:
    global _warned
    if media_tools_available():
        return True
    if not _warned:
        logger.warning(
            "Démo de la TV : ffmpeg est introuvable sur cette machine, les vidéos "
            "de démonstration ne sont pas créées (les programmes le sont). "
            "Installez ffmpeg puis relancez seed_demo."
        )
        _warned = True
    return False


def seed_tv(portal) -> None:
    """Give a portal its demo TV (idempotent: nothing is added twice)."""
    tv = selectors.tv_of(portal)
    if tv is None:
        return
    programmes = list(Programme.objects.filter(portal=portal))
    if not programmes:
        programmes = [
            services.programme_create(
                portal=portal,
                actor=None,
                title=title,
                description=description,
                order=order,
            )
            for order, (title, description) in enumerate(PROGRAMMES)
        ]
    animator = (
        Membership.objects.filter(portal=portal, role=Membership.ANIMATOR)
        .select_related("user")
        .first()
    )
    actor = animator.user if animator else None
    if not VideoPage.objects.child_of(tv).exists() and _can_make_videos():
        _seed_videos(portal, programmes, actor)
    for number, title_start in ARTICLE_FOR_VIDEO.items():
        video = VideoPage.objects.live().child_of(tv).filter(title=VIDEOS[number][1])
        if video.exists():
            _embed_in_article(portal, video.first(), title_start, actor)


def _seed_videos(portal, programmes: list[Programme], actor) -> None:
    now = timezone.now()
    for number, (index, title, seconds, label, description, credits, cues) in enumerate(
        VIDEOS
    ):
        page = services.video_create_from_file(
            portal=portal,
            actor=actor,
            details=services.VideoDetails(
                title=title,
                description=description,
                credits=credits,
                programme_id=programmes[index % len(programmes)].pk,
            ),
            path=_source(number, seconds, label),
            captions_path=_captions_file(number, cues) if cues else None,
        )
        if not page.playable:
            logger.warning(
                "Démo de la TV : la vidéo « %s » n'a pas pu être préparée (%s) ; "
                "elle reste en brouillon.",
                title,
                page.video.failure_reason if page.video else "",
            )
            continue
        page.get_latest_revision().publish(user=actor)
        published_at = now - timedelta(days=4 * number + 2, hours=number)
        VideoPage.objects.filter(pk=page.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )


def _embed_in_article(portal, video: VideoPage, title_start: str, actor) -> None:
    """Add the video at the end of the demo article on the same subject."""
    from quartiers.newsroom.models import ArticlePage

    article = (
        ArticlePage.objects.live()
        .filter(path__startswith=portal.home_page.path, title__startswith=title_start)
        .first()
    )
    if article is None or any(b.block_type == "video" for b in article.body):
        return
    published_at = article.last_published_at
    article.body = json.dumps(
        [*article.body.raw_data, {"type": "video", "value": video.pk}]
    )
    article.save_revision(user=actor).publish(user=actor)
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=published_at)

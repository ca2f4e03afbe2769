"""Demo radio: two shows with their weekly slots and a few very short episodes.

The sounds are generated on the spot (spoken French with espeak-ng when it
is installed, a tone otherwise), each made once per run and reused by every
portal. Without ffmpeg the shows, the schedule and the live settings are
created and the episodes skipped, with a message that says why.
"""

import logging
import tempfile
from datetime import time, timedelta
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from quartiers.accounts.models import Membership
from quartiers.uploads.media_services import media_asset_from_file
from quartiers.uploads.models import MediaAsset, PortalImage
from quartiers.uploads.probing import tools_available as media_tools_available

from . import selectors, services
from .models import (
    EpisodeChapter,
    EpisodePage,
    RadioSettings,
    ScheduleException,
    ScheduleSlot,
    ShowPage,
)

logger = logging.getLogger(__name__)

# (slug, title, hosts, category, colours, presentation, slots, episodes)
# slots: (weekday, start, end, note); episodes: (title, seconds, spoken text,
# description, chapters, transcript)
SHOWS = [
    (
        "les-voix-du-quartier",
        "Les Voix du quartier",
        "Fatou et Mehdi",
        "Society & Culture",
        ("#1d4ed8", "#fde047"),
        "Le magazine des habitantes et des habitants : reportages au marché, "
        "portraits de voisins, les associations qui font vivre {name}.",
        [
            (2, time(18, 0), time(19, 0), ""),
            (5, time(11, 0), time(12, 0), "en direct du marché"),
        ],
        [
            (
                "Le marché du samedi",
                4,
                "Bonjour et bienvenue dans Les Voix du quartier. Aujourd'hui, nous "
                "sommes au marché du samedi.",
                "Reportage entre les étals : les commerçants racontent leur "
                "métier et les habitués partagent leurs bonnes adresses.",
                [("0:00", "Bienvenue"), ("0:02", "Au marché")],
                "Bonjour et bienvenue dans Les Voix du quartier.\n\n"
                "Aujourd'hui, nous sommes au marché du samedi.",
            ),
            (
                "La rentrée des associations",
                4,
                "La rentrée des associations : foot, couture, aide aux devoirs. "
                "Il y en a pour tout le monde.",
                "Foot, couture, aide aux devoirs, cours de français : le tour des "
                "activités qui reprennent à la maison de quartier.",
                [],
                "",
            ),
            (
                "Portrait : Madame Diallo, couturière",
                3,
                "Madame Diallo coud pour tout le quartier depuis vingt ans.",
                "Madame Diallo retouche les vêtements de tout le quartier depuis "
                "vingt ans. Elle nous ouvre la porte de son atelier.",
                [],
                "Madame Diallo coud pour tout le quartier depuis vingt ans.",
            ),
        ],
    ),
    (
        "musiques-d-ici",
        "Musiques d'ici",
        "Les jeunes de la maison de quartier",
        "Music",
        ("#9d174d", "#a7f3d0"),
        "Rap, raï, gospel, chanson : les musiciennes et musiciens de {name} "
        "au micro, et la playlist de la semaine.",
        [
            (4, time(20, 0), time(22, 0), ""),
            (6, time(22, 0), time(0, 30), "nuit blanche musicale"),
        ],
        [
            (
                "La playlist de l'été",
                3,
                "Voici la playlist de l'été, choisie par les auditeurs.",
                "Les morceaux que vous avez choisis pour l'été, entre deux dédicaces.",
                [],
                "",
            ),
            (
                "Rap du quartier, épisode un",
                4,
                "Rap du quartier, épisode un. Trois jeunes du quartier au micro.",
                "Trois rappeurs du quartier présentent leurs textes et racontent "
                "comment ils écrivent.",
                [],
                "",
            ),
            (
                "Session acoustique à la médiathèque",
                3,
                "Session acoustique, en direct de la médiathèque.",
                "Guitare et voix : une session enregistrée à la médiathèque, "
                "avec le public.",
                [],
                "",
            ),
        ],
    ),
]

DEMO_ICECAST_PORT = 8010

_sounds: dict[str, Path] = {}
_warned = False


def _artwork(title: str, colors: tuple[str, str]) -> ImageFile:
    """A square 1400-pixel show image (what podcast apps ask for)."""
    size = 1400
    image = Image.new("RGB", (size, size), colors[0])
    draw = ImageDraw.Draw(image)
    for radius in (520, 400, 280):
        draw.ellipse(
            (size / 2 - radius, 420 - radius / 2, size / 2 + radius, 420 + radius / 2),
            outline=colors[1],
            width=24,
        )
    font = ImageFont.load_default(size=110)
    y = 820
    words, line, lines = title.split(), "", []
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > size - 160 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    for text in lines[:3]:
        draw.text(
            ((size - draw.textlength(text, font=font)) / 2, y),
            text,
            font=font,
            fill="#ffffff",
        )
        y += 140
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ImageFile(BytesIO(buffer.getvalue()), name="emission.png")


def _sound(key: str, seconds: int, text: str) -> Path:
    """The generated sound of a demo episode, made once per run."""
    from quartiers.uploads.demo_media import generate_audio

    if key not in _sounds or not _sounds[key].exists():
        folder = Path(tempfile.mkdtemp(prefix="demo-radio-"))
        path = folder / f"{key}.wav"
        generate_audio(path, seconds=seconds, text=text)
        _sounds[key] = path
    return _sounds[key]


def _can_make_sounds() -> bool:
    global _warned
    if media_tools_available():
        return True
    if not _warned:
        logger.warning(
            "Démo de la radio : ffmpeg est introuvable sur cette machine, les "
            "épisodes de démonstration ne sont pas créés (les émissions et la "
            "grille le sont). Installez ffmpeg puis relancez seed_demo."
        )
        _warned = True
    return False


def _show(portal, radio, spec) -> ShowPage:
    slug, title, hosts, category, colors, presentation, _slots, _episodes = spec
    show = ShowPage.objects.child_of(radio).filter(slug=slug).first()
    if show is not None:
        return show
    artwork = PortalImage(
        title=f"{title} — image de l'émission",
        file=_artwork(title, colors),
        collection=portal.collection,
        alt_text=f"Logo de l'émission {title}",
    )
    artwork.save()
    show = ShowPage(
        title=title,
        slug=slug,
        hosts=hosts,
        podcast_category=category,
        presentation=f"<p>{presentation.format(name=portal.name)}</p>",
        artwork=artwork,
    )
    radio.add_child(instance=show)
    show.save_revision().publish(skip_permission_checks=True)
    return show


def _episodes(portal, show, spec, actor) -> None:
    now = timezone.now()
    for number, (title, seconds, text, description, chapters, transcript) in enumerate(
        spec[7]
    ):
        asset = media_asset_from_file(
            portal=portal,
            path=_sound(f"{spec[0]}-{number}", seconds, text),
            kind=MediaAsset.AUDIO,
            title=title,
        )
        episode = EpisodePage(
            title=title,
            slug=services.unique_slug(show, title, fallback="episode"),
            description=f"<p>{description}</p>",
            transcript=transcript,
            audio=asset,
            episode_number=len(spec[7]) - number,
            owner=actor,
            live=False,
        )
        for order, (start, chapter_title) in enumerate(chapters):
            episode.chapters.add(
                EpisodeChapter(start=start, title=chapter_title, sort_order=order)
            )
        show.add_child(instance=episode)
        revision = episode.save_revision(user=actor)
        if not asset.is_ready:
            logger.warning(
                "Démo de la radio : le son de « %s » n'a pas pu être préparé (%s) ; "
                "l'épisode reste en brouillon.",
                title,
                asset.failure_reason,
            )
            continue
        revision.publish(user=actor, skip_permission_checks=True)
        published_at = now - timedelta(days=3 * number + 1, hours=2 * number + 1)
        EpisodePage.objects.filter(pk=episode.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )


def _special(portal, slot, replaced: bool) -> None:
    """Next week, one slot differs: a special programme, or a night off."""
    today = timezone.localdate()
    day = today + timedelta(days=7 + (slot.weekday - today.weekday()) % 7)
    services.schedule_exception_create(
        portal=portal,
        actor=None,
        slot_id=slot.pk,
        day=day,
        kind=ScheduleException.REPLACED if replaced else ScheduleException.CANCELLED,
        note="Spécial fête de quartier, en direct de la pelouse"
        if replaced
        else "Pas d'émission cette semaine : l'équipe est en vacances.",
    )


def seed_radio(portal) -> None:
    """Give a portal its demo radio (idempotent: nothing is added twice)."""
    radio = selectors.radio_of(portal)
    if radio is None:
        return
    animator = (
        Membership.objects.filter(portal=portal, role=Membership.ANIMATOR)
        .select_related("user")
        .first()
    )
    actor = animator.user if animator else None
    # An Icecast on this machine, port 8010 (8000 is the dev server's): see
    # deploy/icecast/README.md to go live locally; otherwise "hors antenne".
    RadioSettings.objects.get_or_create(
        portal=portal,
        defaults={
            "stream_url": f"http://127.0.0.1:{DEMO_ICECAST_PORT}/{portal.slug}.mp3"
        },
    )
    for spec in SHOWS:
        show = _show(portal, radio, spec)
        if not ScheduleSlot.objects.filter(show=show).exists():
            slots = [
                services.schedule_slot_create(
                    portal=portal,
                    actor=None,
                    show_id=show.pk,
                    weekday=weekday,
                    start_time=start,
                    end_time=end,
                    note=note,
                )
                for weekday, start, end, note in spec[6]
            ]
            _special(portal, slots[-1], spec is SHOWS[0])
        if EpisodePage.objects.child_of(show).exists() or not _can_make_sounds():
            continue
        _episodes(portal, show, spec, actor)

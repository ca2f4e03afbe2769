"""Writes of the web TV. Every write checks permission first, in a transaction.

Publishing a video is Wagtail's own action (the portal's review workflow
applies as to articles); these services create programmes and the draft page
of a newly sent video.
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from quartiers.portals import access, audit
from quartiers.portals.constants import RESERVED_SLUGS
from quartiers.portals.models import Portal

from . import selectors
from .models import Programme, TvIndexPage, VideoPage


@dataclass(frozen=True)
class VideoDetails:
    """What an animator says about a video when sending it."""

    title: str
    description: str = ""  # HTML (rich text)
    credits: str = ""
    programme_id: int | None = None
    captions_language: str = "fr"


def _slug_base(title: str, fallback: str, length: int) -> str:
    # "l'esquisse" reads "l-esquisse" in an address, not "lesquisse".
    spaced = title.replace("'", " ").replace("\u2019", " ")
    return slugify(spaced)[:length].strip("-") or fallback


def programme_free_slug(
    portal: Portal, title: str, *, exclude_pk: int | None = None
) -> str:
    base = _slug_base(title, "programme", 100)
    programmes = Programme.objects.filter(portal=portal, slug__startswith=base)
    if exclude_pk is not None:
        programmes = programmes.exclude(pk=exclude_pk)
    taken = set(programmes.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def programme_create(
    *,
    portal: Portal,
    actor,
    title: str,
    description: str = "",
    order: int = 0,
    slug: str = "",
) -> Programme:
    """A TV programme; its address is made from the title unless one is given."""
    if actor is not None:  # None: the platform itself (demo seeding, commands)
        access.require_animator(actor, portal)
    programme = Programme(
        portal=portal,
        title=title,
        slug=slug or programme_free_slug(portal, title),
        description=description,
        order=order,
    )
    programme.full_clean()
    programme.save()
    audit.record(
        portal=portal, actor=actor, instance=programme, action="wagtail.create"
    )
    return programme


def _free_page_slug(parent: TvIndexPage, title: str) -> str:
    base = _slug_base(title, "video", 200)
    if base in RESERVED_SLUGS:
        base = f"{base}-video"
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _tv_or_error(portal: Portal) -> TvIndexPage:
    tv = selectors.tv_of(portal)
    if tv is None:
        raise ValidationError(
            _("Ce quartier n'a pas de rubrique TV : demandez à la coordination.")
        )
    return tv


def _programme(portal: Portal, programme_id: int | None) -> Programme | None:
    if not programme_id:
        return None
    programme = Programme.objects.filter(portal=portal, pk=programme_id).first()
    if programme is None:
        raise ValidationError({"programme": _("Ce programme n'existe pas.")})
    return programme


def _captions_document(*, portal: Portal, actor, title: str, captions_file):
    """Keep a captions file as a document of the portal (validated beforehand)."""
    document = get_document_model()(
        title=(_("Sous-titres — %(title)s") % {"title": title})[:255],
        file=captions_file,
        collection=portal.collection,
        uploaded_by_user=actor,
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _draft_page(*, portal, actor, asset, details: VideoDetails, captions) -> VideoPage:
    tv = _tv_or_error(portal)
    page = VideoPage(
        title=details.title,
        slug=_free_page_slug(tv, details.title),
        video=asset,
        programme=_programme(portal, details.programme_id),
        description=details.description,
        credits=details.credits,
        captions=captions,
        captions_language=details.captions_language,
        owner=actor,
        live=False,
    )
    tv.add_child(instance=page)
    page.save_revision(user=actor, log_action=True)
    return page


@transaction.atomic
def video_upload(
    *,
    portal: Portal,
    actor,
    details: VideoDetails,
    video_file,
    captions_file=None,
) -> VideoPage:
    """A sent video becomes a draft page of the portal's TV.

    The file was checked by the form (real video stream, size, dimensions);
    its preparation (720p, 360p, poster, HLS) runs in the background once the
    transaction is committed. The animator publishes the page when it is ready.
    """
    from quartiers.uploads.media_services import media_asset_create
    from quartiers.uploads.models import MediaAsset

    if actor is not None:  # None: the platform itself (demo seeding, commands)
        access.require_animator(actor, portal)
    _tv_or_error(portal)
    asset = media_asset_create(
        portal=portal,
        actor=actor,
        kind=MediaAsset.VIDEO,
        upload=video_file,
        title=details.title,
    )
    captions = (
        _captions_document(
            portal=portal, actor=actor, title=details.title, captions_file=captions_file
        )
        if captions_file
        else None
    )
    return _draft_page(
        portal=portal, actor=actor, asset=asset, details=details, captions=captions
    )


@transaction.atomic
def video_create_from_file(
    *,
    portal: Portal,
    actor,
    details: VideoDetails,
    path: Path,
    captions_path: Path | None = None,
) -> VideoPage:
    """A video from a file on disk, prepared at once (demo data, commands)."""
    from django.core.files import File

    from quartiers.uploads.media_services import media_asset_from_file
    from quartiers.uploads.models import MediaAsset

    if actor is not None:  # None: the platform itself (demo seeding, commands)
        access.require_animator(actor, portal)
    _tv_or_error(portal)
    asset = media_asset_from_file(
        portal=portal,
        kind=MediaAsset.VIDEO,
        path=path,
        title=details.title,
        process_now=True,
    )
    captions = None
    if captions_path is not None:
        with open(captions_path, "rb") as handle:
            captions = _captions_document(
                portal=portal,
                actor=actor,
                title=details.title,
                captions_file=File(handle, name=Path(captions_path).name),
            )
    return _draft_page(
        portal=portal, actor=actor, asset=asset, details=details, captions=captions
    )

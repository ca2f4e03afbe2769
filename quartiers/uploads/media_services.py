"""Writes of sound and video files, shared by the radio, the TV and the
testimonies: receive (checked before anything is stored), retry, delete.

Callers check their own business rules first (who may publish an episode,
record a testimony); these services check what holds for every file.
"""

import hashlib
import logging
import secrets
import shutil
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from quartiers.portals import access
from quartiers.portals.models import Portal

from . import media, processing
from .models import MediaAsset

logger = logging.getLogger(__name__)


def _validate(upload, kind: str) -> media.Probe:
    if kind not in (MediaAsset.AUDIO, MediaAsset.VIDEO):
        raise ValueError(f"unknown media kind {kind!r}")
    # A form field (AudioFileField, VideoFileField) already ran the checks.
    checked = getattr(upload, "media_probe", None)
    if checked is not None and getattr(upload, "media_kind", None) == kind:
        return checked
    if kind == MediaAsset.AUDIO:
        return media.validate_audio(upload)
    return media.validate_video(upload)


def _checksum(handle) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def _safe_name(name: str) -> str:
    return Path(str(name or "")).name[:255]


def _store(
    *, portal: Portal, actor, upload, kind: str, title: str, probe
) -> MediaAsset:
    import uuid

    name = _safe_name(getattr(upload, "name", ""))
    asset = MediaAsset(
        uid=uuid.uuid4(),
        portal=portal,
        kind=kind,
        title=title[:255],
        original_name=name,
        original_size=upload.size,
        checksum=_checksum(upload),
        duration=probe.duration,
        width=probe.width,
        height=probe.height,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # A secret part in the original's name: knowing an asset's public uid
    # must not give the unpublished original (with its GPS metadata).
    extension = media.extension_of(name) or "bin"
    asset.original.save(
        f"original-{secrets.token_urlsafe(12)}.{extension}", upload, save=False
    )
    try:
        asset.save()
    except Exception:
        asset.original.delete(save=False)
        raise
    return asset


def _check_can_upload(portal: Portal, actor) -> None:
    if access.is_coordinator(actor):
        return
    access.require_member(
        actor, portal, _("Rejoignez d'abord ce quartier pour y envoyer un fichier.")
    )


@transaction.atomic
def media_asset_create(
    *, portal: Portal, actor, upload, kind: str, title: str = ""
) -> MediaAsset:
    """Receive a sound or a video from a member of the portal.

    The file is checked first (ValidationError with a French message, and
    nothing stored); the original is kept with its size and SHA-256, the
    asset waits ("en attente") and is converted once the transaction commits.
    """
    _check_can_upload(portal, actor)
    probe = _validate(upload, kind)
    asset = _store(
        portal=portal, actor=actor, upload=upload, kind=kind, title=title, probe=probe
    )
    transaction.on_commit(lambda: processing.schedule(asset.pk))
    return asset


def access_asset(*, portal: Portal, asset_id) -> MediaAsset:
    """An asset of this portal; another portal's asset is missing (404)."""
    try:
        return MediaAsset.objects.select_related("portal").get(
            pk=int(asset_id), portal=portal
        )
    except (MediaAsset.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def can_retry(asset: MediaAsset) -> bool:
    """Whether the "retry" button is worth showing: failed with attempts
    left, or stuck waiting / in progress (its worker died)."""
    if asset.status == MediaAsset.FAILED:
        return asset.attempts < processing.max_attempts()
    return processing.is_stale(asset)


@transaction.atomic
def media_asset_retry(*, portal: Portal, actor, asset_id) -> MediaAsset:
    """Convert again a failed asset, or one stuck "in progress" after its
    worker was killed. Animators of the portal only; bounded by the number
    of attempts (QUARTIERS_MEDIA_MAX_ATTEMPTS)."""
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    asset = access_asset(portal=portal, asset_id=asset_id)
    asset = MediaAsset.objects.select_for_update().get(pk=asset.pk)
    if asset.status == MediaAsset.READY:
        raise ValidationError(_("Ce fichier est déjà prêt."), code="ready")
    if asset.status in (MediaAsset.PENDING, MediaAsset.PROCESSING) and not (
        processing.is_stale(asset)
    ):
        raise ValidationError(
            _("La préparation est déjà prévue ou en cours : patientez un peu."),
            code="busy",
        )
    if asset.attempts >= processing.max_attempts():
        # A stuck asset out of attempts is told so, not left "in progress".
        if asset.status != MediaAsset.FAILED:
            processing.mark_failed(asset, processing.too_many_attempts_reason())
        raise ValidationError(
            _(
                "Ce fichier a déjà été essayé %(count)s fois sans succès. "
                "Envoyez-le à nouveau, ou un autre enregistrement."
            )
            % {"count": processing.max_attempts()},
            code="too_many",
        )
    asset.status = MediaAsset.PENDING
    asset.progress = 0
    asset.save(update_fields=["status", "progress", "updated_at"])
    transaction.on_commit(lambda: processing.schedule(asset.pk))
    return asset


def delete_asset_files(asset: MediaAsset) -> None:
    """Remove the original and every file made from it."""
    storage = asset.original.storage
    folder = processing.asset_files_dir(asset)
    try:
        shutil.rmtree(storage.path(folder), ignore_errors=True)
        return
    except NotImplementedError:
        pass
    names = [asset.original, asset.audio_file, asset.video_720, asset.video_360]
    for field in [*names, asset.poster]:
        if field:
            storage.delete(field.name)
    if asset.hls_playlist:
        hls = asset.hls_playlist.rsplit("/", 1)[0]
        for variant, *_rest in processing.LADDER:
            for file_name in storage.listdir(f"{hls}/{variant}")[1]:
                storage.delete(f"{hls}/{variant}/{file_name}")
        storage.delete(asset.hls_playlist)


@transaction.atomic
def media_asset_delete(*, portal: Portal, actor, asset_id) -> None:
    """Delete an asset and its files: its sender or an animator of the portal.

    Callers delete (or detach) what points at it first.
    """
    asset = access_asset(portal=portal, asset_id=asset_id)
    is_sender = actor.is_authenticated and asset.created_by_id == actor.pk
    if not (is_sender or access.can_animate(actor, portal)):
        raise Http404
    transaction.on_commit(lambda: delete_asset_files(asset))
    asset.delete()


def media_asset_from_file(
    *, portal: Portal, path, kind: str, title: str = "", process_now: bool = True
) -> MediaAsset:
    """An asset from a file on disk, for demo data and commands.

    The file goes through the same checks as an upload. When an identical
    file was already converted (same checksum, same kind), its checks and
    results are reused instead of converting again: seeding nine portals
    with the same generated sounds stays quick. ``process_now`` converts
    inline; otherwise the task is enqueued once the transaction commits.
    """
    with open(path, "rb") as handle:
        checksum = _checksum(handle)
    twin = (
        MediaAsset.objects.filter(checksum=checksum, kind=kind, status=MediaAsset.READY)
        .order_by("pk")
        .first()
    )
    if twin is not None:
        probe = media.Probe(
            duration=twin.duration,
            format_name="",
            has_audio=True,
            has_video=kind == MediaAsset.VIDEO,
            width=twin.width,
            height=twin.height,
        )
    else:
        probe = _validate(str(path), kind)
    with open(path, "rb") as handle:
        upload = File(handle, name=Path(path).name)
        with transaction.atomic():
            asset = _store(
                portal=portal,
                actor=None,
                upload=upload,
                kind=kind,
                title=title,
                probe=probe,
            )
    if not process_now:
        transaction.on_commit(lambda: processing.schedule(asset.pk))
        return asset
    if twin is not None:
        processing.clone_outputs(twin, asset)
    else:
        processing.process(asset.pk)
    asset.refresh_from_db()
    return asset


def media_assets_requeue_stale() -> int:
    """Put back in the queue every asset stuck waiting or "in progress"
    (its worker was killed or the queue lost, processing.is_stale): run by
    the periodic jobs, for cron or an operator.
    Those out of attempts are marked failed with the reason."""
    count = 0
    candidates = MediaAsset.objects.filter(
        status__in=(MediaAsset.PENDING, MediaAsset.PROCESSING)
    ).only("pk", "status", "updated_at", "attempts", "held_by_worker", "held_by_task")
    for asset in candidates.iterator():
        if not processing.is_stale(asset):
            continue
        with transaction.atomic():
            locked = MediaAsset.objects.select_for_update().get(pk=asset.pk)
            if not processing.is_stale(locked):
                continue
            if locked.attempts >= processing.max_attempts():
                processing.mark_failed(locked, processing.too_many_attempts_reason())
                continue
            locked.status = MediaAsset.PENDING
            locked.save(update_fields=["status", "updated_at"])
            transaction.on_commit(lambda pk=locked.pk: processing.schedule(pk))
            count += 1
    return count

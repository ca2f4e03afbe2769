"""The platform's image model: Wagtail's, plus image rights and clean files.

Every photo that shows or records a person carries the consent the
contributor stated; originals are stored without EXIF/GPS metadata.
"""

from django.db import models
from django.urls import get_script_prefix
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    SourceImageIOError,
)

from quartiers.uploads import photos as images


class PortalImage(AbstractImage):
    CONSENT_NOT_NEEDED = "not_needed"
    CONSENT_GIVEN = "given"
    CONSENT_PARENT = "parent"
    CONSENT_WITHDRAWN = "withdrawn"
    CONSENT_CHOICES = [
        (CONSENT_NOT_NEEDED, _("Personne n'est reconnaissable")),
        (CONSENT_GIVEN, _("Les personnes montrées ont donné leur accord")),
        (CONSENT_PARENT, _("Un parent a donné son accord pour un·e mineur·e")),
        (CONSENT_WITHDRAWN, _("Accord retiré : ne plus publier")),
    ]

    alt_text = models.CharField(
        _("description pour les personnes aveugles"),
        max_length=300,
        blank=True,
        help_text=_("Ce que montre la photo, en une phrase."),
    )
    consent = models.CharField(
        _("droit à l'image"),
        max_length=20,
        choices=CONSENT_CHOICES,
        default=CONSENT_NOT_NEEDED,
    )
    consent_note = models.CharField(
        _("précisions sur l'accord"), max_length=300, blank=True
    )

    admin_form_fields = (
        "title",
        "alt_text",
        "file",
        "collection",
        "consent",
        "consent_note",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def save(self, *args, **kwargs):
        # Strip EXIF/GPS from a newly uploaded original before it is stored,
        # whoever uploads it (admin, resident form, seed).
        if self.file and not getattr(self.file, "_committed", True):
            self.file = images.strip_metadata(self.file)
        super().save(*args, **kwargs)
        if self.consent == self.CONSENT_WITHDRAWN:
            # Resized copies are public files: they go at once, everywhere.
            for rendition in self.renditions.all():
                rendition.file.delete(save=False)
                rendition.delete()

    @property
    def publishable(self) -> bool:
        return self.consent != self.CONSENT_WITHDRAWN

    # Once consent is withdrawn no surface (a page, an admin listing, the
    # API, a feed) may make a new public copy: renditions are "not found",
    # which Wagtail's {% image %} shows as an empty image. The original is
    # never public (QUARTIERS_PUBLIC_MEDIA_PREFIXES).
    def find_existing_renditions(self, *filters):
        if not self.publishable:
            return {}
        found = super().find_existing_renditions(*filters)
        missing = [f for f in filters if f not in found]
        if missing and self._get_prefetched_renditions() is not None:
            # Wagtail takes prefetched renditions for all there is: a size
            # not prefetched would be drawn again at every request (or fail
            # on the unique constraint). Look for the missing ones in the
            # database as well.
            prefetched = getattr(self, "_prefetched_objects_cache", {})
            saved = prefetched.pop("renditions", None)
            listed = self.__dict__.pop("prefetched_renditions", None)
            try:
                found.update(super().find_existing_renditions(*missing))
            finally:
                if saved is not None:
                    prefetched["renditions"] = saved
                if listed is not None:
                    self.prefetched_renditions = listed
        return found

    def create_rendition(self, filter):
        if not self.publishable:
            raise SourceImageIOError("image rights withdrawn")
        return super().create_rendition(filter)

    def create_renditions(self, *filters):
        if filters and not self.publishable:
            raise SourceImageIOError("image rights withdrawn")
        return super().create_renditions(*filters)

    def generate_rendition_file(self, filter, *, source=None):
        # An original that cannot be decoded (stored before the photo checks
        # decoded every pixel) shows as a missing image, not as an error page.
        try:
            return super().generate_rendition_file(filter, source=source)
        except SourceImageIOError:
            raise
        except (OSError, SyntaxError, EOFError) as error:
            raise SourceImageIOError(str(error)) from error

    @property
    def default_alt_text(self):
        return self.alt_text or super().default_alt_text


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(
        PortalImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def _media_path(asset: "MediaAsset", filename: str) -> str:
    return f"medias/{asset.portal_id}/{asset.uid}/{filename}"


class MediaAsset(models.Model):
    """One uploaded sound or video and the files made from it.

    The original is kept as uploaded; background processing writes the
    derived files (normalised MP3; 720p/360p MP4, poster, HLS) next to it.
    Radio episodes, videos and testimonies point at an asset.
    """

    AUDIO = "audio"
    VIDEO = "video"
    KIND_CHOICES = [(AUDIO, _("son")), (VIDEO, _("vidéo"))]

    PENDING = "pending"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"
    STATUS_CHOICES = [
        (PENDING, _("en attente")),
        (PROCESSING, _("en cours")),
        (READY, _("prêt")),
        (FAILED, _("échec")),
    ]

    uid = models.UUIDField(unique=True, editable=False)
    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="media_assets"
    )
    kind = models.CharField(_("type"), max_length=10, choices=KIND_CHOICES)
    title = models.CharField(_("titre"), max_length=255, blank=True)
    original = models.FileField(
        _("fichier d'origine"), upload_to=_media_path, max_length=255
    )
    original_name = models.CharField(max_length=255, blank=True)
    original_size = models.BigIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True)

    status = models.CharField(
        _("état"), max_length=12, choices=STATUS_CHOICES, default=PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progression (%)"), default=0)
    failure_reason = models.TextField(_("raison de l'échec"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Who converts it while "in progress": the worker and the task run that
    # last took it (processing.claim). Blank when converted inline, or by a
    # worker that does not say who it is.
    held_by_worker = models.CharField(max_length=64, blank=True, default="")
    held_by_task = models.CharField(max_length=64, blank=True, default="")

    duration = models.FloatField(_("durée (s)"), null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    audio_file = models.FileField(upload_to=_media_path, max_length=255, blank=True)
    audio_size = models.BigIntegerField(null=True, blank=True)
    video_720 = models.FileField(upload_to=_media_path, max_length=255, blank=True)
    video_720_size = models.BigIntegerField(null=True, blank=True)
    video_360 = models.FileField(upload_to=_media_path, max_length=255, blank=True)
    video_360_size = models.BigIntegerField(null=True, blank=True)
    poster = models.FileField(upload_to=_media_path, max_length=255, blank=True)
    hls_playlist = models.CharField(max_length=255, blank=True)

    created_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("fichier son ou vidéo")
        verbose_name_plural = _("fichiers son ou vidéo")
        indexes = [models.Index(fields=["portal", "status"])]

    def __str__(self) -> str:
        return self.title or self.original_name or str(self.uid)

    def save(self, *args, **kwargs):
        if not self.uid:
            import uuid

            self.uid = uuid.uuid4()
        super().save(*args, **kwargs)

    @property
    def is_ready(self) -> bool:
        return self.status == self.READY

    # Stable public paths (see quartiers/uploads/urls.py). Empty until the
    # file exists, so that a template can write {% if asset.audio_url %}.
    def _path(self, name: str) -> str:
        return f"{get_script_prefix()}medias/{self.uid}/{name}"

    @property
    def audio_url(self) -> str:
        return self._path("audio.mp3") if self.is_ready and self.audio_file else ""

    @property
    def video_720_url(self) -> str:
        return self._path("720.mp4") if self.is_ready and self.video_720 else ""

    @property
    def video_360_url(self) -> str:
        return self._path("360.mp4") if self.is_ready and self.video_360 else ""

    @property
    def poster_url(self) -> str:
        return self._path("poster.jpg") if self.is_ready and self.poster else ""

    @property
    def hls_url(self) -> str:
        return (
            self._path("hls/master.m3u8") if self.is_ready and self.hls_playlist else ""
        )

    @property
    def download_url(self) -> str:
        """The published file (MP3, or the 720p MP4) offered for download."""
        url = self.audio_url if self.kind == self.AUDIO else self.video_720_url
        return f"{url}?telecharger=1" if url else ""

    @property
    def original_url(self) -> str:
        """The file as it was sent: only its sender and the animators get it."""
        return self._path("original") if self.original else ""

    @property
    def status_url(self) -> str:
        return self._path("etat.json")

    @property
    def retry_url(self) -> str:
        return self._path("relancer/")

    @property
    def mime_type(self) -> str:
        return "audio/mpeg" if self.kind == self.AUDIO else "video/mp4"

    @property
    def audio_length(self) -> int | None:
        """Bytes of the published file (RSS enclosures need it)."""
        if self.kind == self.AUDIO:
            return self.audio_size
        return self.video_720_size

    @property
    def duration_hms(self) -> str:
        """ "01:02:03" for podcast feeds (itunes:duration)."""
        if self.duration is None:
            return ""
        total = int(round(self.duration))
        return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"

    @property
    def duration_label(self) -> str:
        """ "3 min 20 s", as people say it."""
        from .media import format_duration

        return format_duration(self.duration)

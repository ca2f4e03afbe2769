"""The platform's image model: Wagtail's, plus image rights and clean files.

Every photo that shows or records a person carries the consent the
contributor stated; originals are stored without EXIF/GPS metadata.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition

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

    @property
    def default_alt_text(self):
        return self.alt_text or super().default_alt_text


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(
        PortalImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

"""Form fields shared by every page where people send photos, sounds, videos
and captions."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from . import media, photos
from .models import MediaAsset, PortalImage

ACCEPT_PHOTOS = "image/jpeg,image/png,image/webp"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def check_named_photo(uploaded):
    """The shared photo check, naming the file since several can be sent at once."""
    try:
        return photos.validate_photo(uploaded)
    except ValidationError as error:
        raise ValidationError(f"« {uploaded.name} » : {error.messages[0]}") from None


class MultiplePhotoField(forms.FileField):
    """Several photos from one file input, each checked; at most ``max_photos``."""

    widget = MultipleFileInput

    def __init__(self, *args, max_photos: int = 4, **kwargs):
        self.max_photos = max_photos
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ACCEPT_PHOTOS, "multiple": True}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > self.max_photos:
            raise ValidationError(
                _(
                    "Vous pouvez joindre %(max)s photos au plus ; vous en avez choisi %(count)s."
                )
                % {"max": self.max_photos, "count": len(files)}
            )
        return [check_named_photo(f) for f in files]


def consent_field(label, *, allow_minors: bool = True) -> forms.ChoiceField:
    """The image-rights question asked with every photo."""
    choices = [
        (PortalImage.CONSENT_NOT_NEEDED, _("Non, personne n'est reconnaissable")),
        (
            PortalImage.CONSENT_GIVEN,
            _("Oui, et elles sont d'accord pour être publiées"),
        ),
    ]
    if allow_minors:
        choices.append(
            (
                PortalImage.CONSENT_PARENT,
                _("Oui, un·e mineur·e, et un parent est d'accord"),
            )
        )
    return forms.ChoiceField(
        label=label,
        choices=choices,
        initial=PortalImage.CONSENT_NOT_NEEDED,
        widget=forms.RadioSelect,
        required=False,
    )


class _MediaFileField(forms.FileField):
    """A file checked by the shared media checks once Django has received it.

    The size is checked first, before ffprobe reads the temporary file; the
    probe result is kept on the file (``media_probe``) so that
    ``media_asset_create`` does not read it twice.
    """

    kind = ""
    accept = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": self.accept})
        )
        super().__init__(*args, **kwargs)

    def check(self, uploaded):
        raise NotImplementedError

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not isinstance(uploaded, UploadedFile):  # nothing new was sent
            return uploaded
        probe = self.check(uploaded)
        uploaded.media_probe = probe
        uploaded.media_kind = self.kind
        return uploaded


class AudioFileField(_MediaFileField):
    """A sound; ``resident=True`` for residents' pages (smaller limit, see
    QUARTIERS_MAX_RESIDENT_AUDIO_MB and deploy/nginx.conf)."""

    kind = MediaAsset.AUDIO
    accept = media.ACCEPT_AUDIO

    def __init__(self, *args, resident: bool = False, **kwargs):
        self.resident = resident
        super().__init__(*args, **kwargs)

    def check(self, uploaded):
        limit = media.max_resident_audio_bytes() if self.resident else None
        return media.validate_audio(uploaded, max_bytes=limit)


class VideoFileField(_MediaFileField):
    kind = MediaAsset.VIDEO
    accept = media.ACCEPT_VIDEO

    def check(self, uploaded):
        return media.validate_video(uploaded)


class CaptionsFileField(forms.FileField):
    """A WebVTT captions file (.vtt), checked line by line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": media.ACCEPT_CAPTIONS})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not isinstance(uploaded, UploadedFile):  # nothing new was sent
            return uploaded
        return media.validate_webvtt(uploaded)

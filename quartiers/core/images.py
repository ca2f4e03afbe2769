"""Safe handling of uploaded photos: type and size checks, metadata stripped.

Every app that accepts a photo calls this, so the rules live in one place.
"""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def clean_photo(uploaded, *, max_side: int = 2048) -> ContentFile:
    """Check an uploaded photo and re-encode it as JPEG with no EXIF/GPS data.

    Raises ValidationError with a plain French message when the file is too
    big, is not an image, or has too many pixels.
    """
    max_bytes = settings.QUARTIERS_AVATAR_MAX_BYTES
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("Cette photo est trop lourde (%(size)s). La limite est de %(limit)s.")
            % {
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(max_bytes),
            }
        )
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _(
                        "Ce fichier n'est pas une photo acceptée (JPEG, PNG, WebP ou GIF)."
                    )
                )
            width, height = probe.size
            if width * height > settings.QUARTIERS_AVATAR_MAX_PIXELS:
                raise ValidationError(
                    _("Cette image est trop grande (%(w)s × %(h)s pixels).")
                    % {"w": width, "h": height}
                )
            probe.verify()
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail((max_side, max_side))
            output = BytesIO()
            # A fresh save without exif= writes no EXIF, GPS or comment block.
            image.save(output, format="JPEG", quality=85, optimize=True)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        SyntaxError,
    ):
        raise ValidationError(
            _(
                "Ce fichier n'est pas une image lisible. Essayez avec une photo JPEG ou PNG."
            )
        ) from None
    return ContentFile(output.getvalue(), name="photo.jpg")


def strip_metadata(uploaded) -> ContentFile:
    """Rewrite an image in its own format with no EXIF, GPS or text chunks.

    Orientation is applied to the pixels first so the photo still stands
    upright. Files Pillow cannot read are returned untouched: Wagtail's own
    validation refuses them with its message.
    """
    name = getattr(uploaded, "name", "image") or "image"
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            fmt = image.format
            if fmt not in ACCEPTED_FORMATS:
                uploaded.seek(0)
                return uploaded
            if fmt == "GIF" and getattr(image, "is_animated", False):
                uploaded.seek(0)
                return uploaded
            clean = ImageOps.exif_transpose(image)
            if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            output = BytesIO()
            clean.save(
                output,
                format=fmt,
                **({"quality": 90} if fmt in ("JPEG", "WEBP") else {}),
            )
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        SyntaxError,
    ):
        uploaded.seek(0)
        return uploaded
    return ContentFile(output.getvalue(), name=name.rsplit("/", 1)[-1])

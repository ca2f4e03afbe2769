"""The one safe path for uploaded photos: type, size and pixel checks, and
metadata (EXIF, GPS) stripped. Every app that accepts a photo calls this.
"""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
UNREADABLE_PHOTO = gettext_lazy(
    "Ce fichier n'est pas une photo lisible : elle est peut-être abîmée ou "
    "incomplète. Essayez avec une photo JPEG, PNG ou WebP."
)


def validate_photo(
    uploaded, *, max_bytes: int | None = None, max_pixels: int | None = None
):
    """Refuse, before anything is stored, a photo too heavy, unreadable or too big.

    The one check every upload form uses (profile photo, articles, blogs...).
    Returns the file rewound, or raises ValidationError with a plain message.
    """
    max_bytes = max_bytes or settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    max_pixels = max_pixels or settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
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
                raise UnidentifiedImageError
            width, height = probe.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("Cette image est trop grande (%(w)s × %(h)s pixels).")
                    % {"w": width, "h": height}
                )
            # verify() only reads the structure of a JPEG: a photo cut during
            # the upload passes it and breaks later, when it is resized for
            # a page. Decoding every pixel (every frame of a GIF) finds it now.
            for _frame in ImageSequence.Iterator(probe):
                _frame.load()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        EOFError,
        Image.DecompressionBombError,
        SyntaxError,
    ):
        raise ValidationError(UNREADABLE_PHOTO, code="unreadable") from None
    uploaded.seek(0)
    return uploaded


def clean_photo(uploaded, *, max_side: int = 2048) -> ContentFile:
    """Check a profile photo and re-encode it as JPEG with no EXIF/GPS data."""
    validate_photo(
        uploaded,
        max_bytes=settings.QUARTIERS_AVATAR_MAX_BYTES,
        max_pixels=settings.QUARTIERS_AVATAR_MAX_PIXELS,
    )
    try:
        with Image.open(uploaded) as image:
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail((max_side, max_side))
            output = BytesIO()
            # A fresh save without exif= writes no EXIF, GPS or comment block.
            image.save(output, format="JPEG", quality=85, optimize=True)
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        SyntaxError,
    ):
        raise ValidationError(UNREADABLE_PHOTO, code="unreadable") from None
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
        EOFError,
        SyntaxError,
    ):
        uploaded.seek(0)
        return uploaded
    return ContentFile(output.getvalue(), name=name.rsplit("/", 1)[-1])

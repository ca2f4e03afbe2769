"""Small builders for test data (files made in memory, never downloaded)."""

from io import BytesIO

from PIL import Image


def png_bytes(size=(40, 30), color="#1d4ed8") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_with_gps_bytes(size=(64, 48)) -> bytes:
    """A JPEG carrying EXIF with a GPS position, as phones write them."""
    image = Image.new("RGB", size, "#047857")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (48.0, 54.0, 27.0), 3: "E", 4: (2.0, 26.0, 20.0)}
    exif[0x8825] = gps
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()

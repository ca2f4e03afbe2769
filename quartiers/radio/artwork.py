"""The square image podcast apps show for a portal's radio without artwork.

Made once per portal name and colour with Pillow, 1400 × 1400 pixels (the
size Apple Podcasts asks for), and kept in the media storage.
"""

from hashlib import sha256
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

SIZE = 1400


def _hex_to_rgb(value: str) -> tuple[int, int, int]:
    value = (value or "#1d4ed8").lstrip("#")
    try:
        return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]
    except ValueError:
        return (29, 78, 216)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines[:4]


def render(name: str, primary: str, accent: str) -> bytes:
    image = Image.new("RGB", (SIZE, SIZE), _hex_to_rgb(primary))
    draw = ImageDraw.Draw(image)
    # Sound waves around a dot: a radio, without words to translate.
    centre = (SIZE // 2, 470)
    for radius, width in ((300, 26), (220, 26), (140, 26)):
        box = (
            centre[0] - radius,
            centre[1] - radius,
            centre[0] + radius,
            centre[1] + radius,
        )
        draw.arc(box, start=200, end=340, fill="#ffffff", width=width)
    draw.ellipse(
        (centre[0] - 60, centre[1] - 60, centre[0] + 60, centre[1] + 60),
        fill=_hex_to_rgb(accent),
        outline="#ffffff",
        width=18,
    )
    title_font = ImageFont.load_default(size=120)
    label_font = ImageFont.load_default(size=90)
    label = "RADIO"
    draw.text(
        ((SIZE - draw.textlength(label, font=label_font)) / 2, 640),
        label,
        font=label_font,
        fill="#ffffff",
    )
    y = 800
    for line in _wrap(draw, name, title_font, SIZE - 200):
        draw.text(
            ((SIZE - draw.textlength(line, font=title_font)) / 2, y),
            line,
            font=title_font,
            fill="#ffffff",
        )
        y += 140
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def portal_artwork_path(portal) -> str:
    """The storage name of the portal's radio image, made if missing."""
    key = sha256(
        f"{portal.name}|{portal.primary_color}|{portal.accent_color}".encode()
    ).hexdigest()[:12]
    name = f"radio/pochettes/{portal.slug}-{key}.png"
    if not default_storage.exists(name):
        content = render(portal.name, portal.primary_color, portal.accent_color)
        name = default_storage.save(name, ContentFile(content))
    return name


def portal_artwork_url(portal) -> str:
    return default_storage.url(portal_artwork_path(portal))

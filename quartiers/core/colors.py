"""Colour arithmetic for portal themes (WCAG 2.1 relative luminance and contrast)."""

import re

HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
AA_NORMAL_TEXT = 4.5


def is_hex_color(value: str) -> bool:
    return bool(HEX_COLOR.match(value or ""))


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_color: str) -> float:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(first), relative_luminance(second)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def darken_until_readable(hex_color: str, on: str = WHITE) -> str:
    """Return the colour, darkened step by step until white text on it passes AA."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    color = hex_color.lower()
    while contrast_ratio(color, on) < AA_NORMAL_TEXT and (r or g or b):
        r, g, b = (int(channel * 0.9) for channel in (r, g, b))
        color = f"#{r:02x}{g:02x}{b:02x}"
    return color

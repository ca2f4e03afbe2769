"""Durations as machines read them (ISO 8601, for <time datetime>)."""

from django import template

register = template.Library()


@register.filter
def iso_duration(seconds) -> str:
    """PT1H2M5S, for <time datetime=...>; "" when unknown."""
    try:
        total = round(float(seconds))
    except (TypeError, ValueError):
        return ""
    if total < 0:
        return ""
    hours, minutes, secs = total // 3600, total % 3600 // 60, total % 60
    parts = [(hours, "H"), (minutes, "M"), (secs, "S")]
    return "PT" + ("".join(f"{value}{unit}" for value, unit in parts if value) or "0S")

"""Times as people read them (chapters) and as machines do (<time datetime>)."""

from django import template

register = template.Library()


def _seconds(value) -> int | None:
    try:
        total = round(float(value))
    except (TypeError, ValueError):
        return None
    return total if total >= 0 else None


@register.filter
def timecode(seconds) -> str:
    """4:05, or 1:02:05 past an hour."""
    total = _seconds(seconds)
    if total is None:
        return ""
    hours, minutes, secs = total // 3600, total % 3600 // 60, total % 60
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


@register.filter
def iso_duration(seconds) -> str:
    """PT1H2M5S, for <time datetime=...>; "" when unknown."""
    total = _seconds(seconds)
    if total is None:
        return ""
    hours, minutes, secs = total // 3600, total % 3600 // 60, total % 60
    parts = [(hours, "H"), (minutes, "M"), (secs, "S")]
    return "PT" + ("".join(f"{value}{unit}" for value, unit in parts if value) or "0S")


@register.filter
def broadcast_day(value) -> str:
    """ "aujourd'hui", "demain" or "samedi 14 juin", in the portal's time zone."""
    from datetime import timedelta

    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    if not value:
        return ""
    local = timezone.localtime(value)
    today = timezone.localdate()
    if local.date() == today:
        return gettext("aujourd'hui")
    if local.date() == today + timedelta(days=1):
        return gettext("demain")
    return date_format(local, "l j F")


@register.filter
def plain(html) -> str:
    """Stored rich text as plain text (tags dropped, entities decoded)."""
    from html import unescape

    from django.utils.html import strip_tags

    return " ".join(unescape(strip_tags(html or "")).split())

"""French wording helpers: a place name after "de" or "à", the first day
of a month. (Plurals and file sizes in "Ko/Mo" come from the French
catalog in quartiers/locale/fr.)

"de Les Hauts-Prés" is wrong in French: the article merges with the
preposition ("des Hauts-Prés", "au Moulin", "aux Tilleuls"). A portal name
is typed by people, so the phrase is built here once, for templates
(``{{ portal.name|de }}``) and Python code (``of_place(portal.name)``).
In another language the name is returned unchanged: the translated sentence
carries its own preposition.
"""

import re
from datetime import date, datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import get_language

register = template.Library()

_VOWELS = "aeiouyàâäéèêëîïôöûùüÿœæ"
_APOSTROPHES = ("'", "’")


def _is_french() -> bool:
    return (get_language() or "fr").split("-")[0] == "fr"


def _split_article(name: str) -> tuple[str, str]:
    """("les", "Hauts-Prés") for "Les Hauts-Prés"; ("", name) without one."""
    name = (name or "").strip()
    match = re.match(r"^(les|le|la)\s+(.+)$", name, flags=re.IGNORECASE)
    if match:
        return match.group(1).lower(), match.group(2)
    if len(name) > 2 and name[0] in "lL" and name[1] in _APOSTROPHES:
        return "l'", name[2:]
    return "", name


def of_place(name: str) -> str:
    """The name after "de": "des Hauts-Prés", "du Moulin", "de la Source",
    "de l'Étang", "d'Orly", "de Bobigny"."""
    name = str(name or "").strip()
    if not name or not _is_french():
        return name
    article, rest = _split_article(name)
    if article == "les":
        return f"des {rest}"
    if article == "le":
        return f"du {rest}"
    if article == "la":
        return f"de la {rest}"
    if article == "l'":
        return f"de l’{rest}"
    if rest[0].lower() in _VOWELS:
        return f"d’{rest}"
    return f"de {rest}"


def to_place(name: str) -> str:
    """The name after "à": "aux Hauts-Prés", "au Moulin", "à la Source",
    "à l'Étang", "à Bobigny"."""
    name = str(name or "").strip()
    if not name or not _is_french():
        return name
    article, rest = _split_article(name)
    if article == "les":
        return f"aux {rest}"
    if article == "le":
        return f"au {rest}"
    if article == "la":
        return f"à la {rest}"
    if article == "l'":
        return f"à l’{rest}"
    return f"à {rest}"


@register.filter(name="de")
def de_filter(name) -> str:
    return of_place(name)


@register.filter(name="a")
def a_filter(name) -> str:
    return to_place(name)


def _local_day(value) -> int | None:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.day
    if isinstance(value, date):
        return value.day
    return None


@register.filter
def datefr(value, arg=None) -> str:
    """Django's ``date`` filter, with "1er" for the first day of a month in
    French: {{ start|datefr:"l j F" }} gives "mardi 1er juillet"."""
    if value in (None, ""):
        return ""
    fmt = arg or "j F Y"
    if _local_day(value) == 1 and _is_french():
        # An unescaped "j" becomes the literal text "1er".
        fmt = re.sub(r"(?<!\\)j", r"\\1\\e\\r", fmt)
    return date_filter(value, fmt)

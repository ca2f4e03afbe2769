"""Checks shared by the actor model, its forms and the practical info blocks."""

from decimal import Decimal

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# Metropolitan France and the overseas departments, roughly: coordinates
# outside these boxes are refused with a plain message.
FRANCE_BOXES = [
    (
        Decimal("41.2"),
        Decimal("51.2"),
        Decimal("-5.5"),
        Decimal("9.7"),
    ),  # métropole, Corse
    (
        Decimal("15.8"),
        Decimal("16.6"),
        Decimal("-61.9"),
        Decimal("-60.9"),
    ),  # Guadeloupe
    (
        Decimal("14.3"),
        Decimal("14.9"),
        Decimal("-61.3"),
        Decimal("-60.8"),
    ),  # Martinique
    (Decimal("2.0"), Decimal("5.8"), Decimal("-54.7"), Decimal("-51.5")),  # Guyane
    (
        Decimal("-21.4"),
        Decimal("-20.8"),
        Decimal("55.2"),
        Decimal("55.9"),
    ),  # La Réunion
    (Decimal("-13.1"), Decimal("-12.6"), Decimal("44.9"), Decimal("45.3")),  # Mayotte
]

phone_validator = RegexValidator(
    r"^\+?[0-9 .\-()]{6,20}$",
    _("Indiquez un numéro de téléphone avec des chiffres, par exemple 01 23 45 67 89."),
)


def in_france(latitude, longitude) -> bool:
    return any(
        south <= latitude <= north and west <= longitude <= east
        for south, north, west, east in FRANCE_BOXES
    )


# Useful numbers may be short (15, 17, 3919).
useful_number_validator = RegexValidator(
    r"^\+?[0-9 .\-()]{2,20}$",
    _("Indiquez un numéro avec des chiffres, par exemple 15 ou 01 23 45 67 89."),
)

"""Local actors (associations, public services, landlords, schools, shops...)
and the practical information pages of a portal."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartiers.portals.models import SectionPage

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


class DirectoryIndexPage(SectionPage):
    section_key = "acteurs"

    class Meta:
        verbose_name = _("rubrique Acteurs du quartier")


class PracticalInfoIndexPage(SectionPage):
    section_key = "infos-pratiques"

    class Meta:
        verbose_name = _("rubrique Infos pratiques")


class LocalActor(models.Model):
    """Someone who acts in the neighbourhood: an association, a public service..."""

    ASSOCIATION = "association"
    PUBLIC_SERVICE = "service-public"
    LANDLORD = "bailleur"
    SCHOOL = "ecole"
    HEALTH = "sante"
    SHOP = "commerce"
    BUSINESS = "entreprise"
    INSTITUTION = "institution"
    OTHER = "autre"
    KIND_CHOICES = [
        (ASSOCIATION, _("Association")),
        (PUBLIC_SERVICE, _("Service public")),
        (LANDLORD, _("Bailleur social")),
        (SCHOOL, _("École, collège, lycée")),
        (HEALTH, _("Santé")),
        (SHOP, _("Commerce")),
        (BUSINESS, _("Entreprise")),
        (INSTITUTION, _("Institution")),
        (OTHER, _("Autre")),
    ]
    PUBLISHED = "published"
    SUGGESTED = "suggested"
    REFUSED = "refused"
    STATUS_CHOICES = [
        (PUBLISHED, _("publié")),
        (SUGGESTED, _("suggéré, à valider")),
        (REFUSED, _("refusé")),
    ]

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="actors"
    )
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant"), max_length=160)
    kind = models.CharField(
        _("type"), max_length=20, choices=KIND_CHOICES, default=ASSOCIATION
    )
    description = models.TextField(_("présentation"), max_length=5000, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    town = models.CharField(_("commune"), max_length=100, blank=True)
    latitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True
    )
    opening_hours = models.TextField(
        _("horaires d'ouverture"), max_length=1000, blank=True
    )
    phone = models.CharField(
        _("téléphone"), max_length=30, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_actors",
        verbose_name=_("comptes partenaires qui gèrent la fiche"),
    )
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=PUBLISHED)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("acteur du quartier")
        verbose_name_plural = _("acteurs du quartier")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "slug"], name="actor_slug_per_portal"
            )
        ]
        indexes = [models.Index(fields=["portal", "status", "kind"])]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                _("Indiquez la latitude et la longitude, ou aucune des deux.")
            )
        if self.latitude is not None and not in_france(self.latitude, self.longitude):
            raise ValidationError(
                {
                    "latitude": _(
                        "Ces coordonnées ne sont pas en France. Vérifiez la latitude et la longitude."
                    )
                }
            )

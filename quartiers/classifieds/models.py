"""Petites annonces: residents' offers, requests, gifts, swaps, loans and help."""

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from quartiers.core.sanitize import text_to_html
from quartiers.portals.models import SectionPage

TITLE_MAX = 120
TEXT_MAX = 3000
PLACE_MAX = 120
PRICE_MAX = 100_000
MAX_PHOTOS = 4

STREET_WORDS = (
    "rue|avenue|av|bd|boulevard|all[ée]e|place|pl|impasse|imp|chemin|route|rte|"
    "square|quai|cours|passage|r[ée]sidence|cit[ée]|villa|sentier|voie|"
    "rond-point|esplanade|parvis|mail|hameau|lotissement|b[aâ]timent|bat|"
    "all|ch|faubourg|fbg"
)
# "12 rue des Lilas", "au 3 bis, avenue Jean Jaurès", "5bis bd ..."
HOUSE_NUMBER = re.compile(
    rf"(^|[\s,])\d{{1,4}}\s*(bis|ter|quater|[a-d])?\s*,?\s*({STREET_WORDS})\b\.?",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"(^|\D)\d{5}(\D|$)")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def validate_approximate_place(value: str) -> None:
    """Refuse what looks like an exact address: the ad is public."""
    if HOUSE_NUMBER.search(value or "") or POSTCODE.search(value or ""):
        raise ValidationError(
            _(
                "Pour votre sécurité, n'indiquez pas d'adresse exacte : écrivez "
                "seulement le nom de la rue ou un repère (« près du marché », "
                "« rue des Lilas »). Vous donnerez l'adresse à la personne qui "
                "vous répond."
            ),
            code="exact_address",
        )


class ClassifiedsIndexPage(SectionPage):
    section_key = "annonces"

    class Meta:
        verbose_name = _("rubrique Petites annonces")

    def get_context(self, request, *args, **kwargs):
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.index_context(self, request))
        return context


class Ad(index.Indexed, models.Model):
    """One classified ad of a portal, posted by a resident."""

    OFFER = "offre"
    REQUEST = "demande"
    GIFT = "don"
    SWAP = "echange"
    LOAN = "pret"
    HELP = "coup-de-main"
    JOB = "petit-job"
    KIND_CHOICES = [
        (OFFER, _("Offre")),
        (REQUEST, _("Demande")),
        (GIFT, _("Don")),
        (SWAP, _("Échange")),
        (LOAN, _("Prêt")),
        (HELP, _("Coup de main")),
        (JOB, _("Petit job")),
    ]

    CATEGORY_CHOICES = [
        ("maison", _("Maison")),
        ("enfants", _("Enfants")),
        ("vetements", _("Vêtements")),
        ("electromenager", _("Électroménager")),
        ("informatique", _("Informatique")),
        ("bricolage", _("Bricolage")),
        ("jardin", _("Jardin")),
        ("services", _("Services")),
        ("cours", _("Cours et soutien")),
        ("transport", _("Transport")),
        ("autre", _("Autre")),
    ]

    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    DONE = "done"
    EXPIRED = "expired"
    REFUSED = "refused"
    STATUS_CHOICES = [
        (PENDING, _("En attente de relecture")),
        (PUBLISHED, _("En ligne")),
        (HIDDEN, _("Masquée après signalements")),
        (DONE, _("Terminée")),
        (EXPIRED, _("Expirée")),
        (REFUSED, _("Refusée")),
    ]

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="ads",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur ou autrice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ads",
    )
    # Kept when the account goes, so an animator still knows who posted.
    author_name = models.CharField(_("nom affiché"), max_length=80, blank=True)
    kind = models.CharField(_("type d'annonce"), max_length=20, choices=KIND_CHOICES)
    category = models.CharField(
        _("catégorie"), max_length=20, choices=CATEGORY_CHOICES, default="autre"
    )
    title = models.CharField(_("titre"), max_length=TITLE_MAX)
    text = models.TextField(_("texte"), max_length=TEXT_MAX)
    place = models.CharField(
        _("lieu approximatif"),
        max_length=PLACE_MAX,
        blank=True,
        validators=[validate_approximate_place],
        help_text=_("Une rue ou un repère, jamais une adresse exacte."),
    )
    price = models.DecimalField(
        _("prix en euros"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(PRICE_MAX)],
    )
    status = models.CharField(
        _("état"), max_length=10, choices=STATUS_CHOICES, default=PENDING
    )
    moderation_note = models.TextField(_("mot de l'équipe d'animation"), blank=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(
        _("rappel envoyé le"), null=True, blank=True, editable=False
    )
    extend_token = models.CharField(
        _("jeton de prolongation"), max_length=64, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    # Public search (quartiers.search) reads the index; who may see an ad
    # (published, not expired) is decided when searching, not here. The
    # filter fields are those the admin listing filters and sorts on.
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("text"),
        index.SearchField("place"),
        index.SearchField("get_kind_display"),
        index.SearchField("get_category_display"),
        index.FilterField("portal"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("category"),
        index.FilterField("author"),
        index.FilterField("title"),
        index.FilterField("created_at"),
        index.FilterField("published_at"),
        index.FilterField("expires_at"),
    ]

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("petite annonce")
        verbose_name_plural = _("petites annonces")
        indexes = [
            models.Index(
                fields=["portal", "status", "-published_at"],
                name="ad_portal_public_idx",
            ),
            models.Index(fields=["status", "expires_at"], name="ad_expiry_idx"),
            models.Index(fields=["portal", "author"], name="ad_author_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.portal.get_absolute_url()}annonces/{self.pk}/"

    @property
    def display_author(self) -> str:
        if self.author_id and self.author is not None:
            return self.author.public_name
        return self.author_name or str(_("ancien·ne habitant·e"))

    @property
    def text_html(self) -> str:
        # Plain text typed by a resident: escaped, then cleaned, never raw.
        return mark_safe(text_to_html(self.text))  # noqa: S308 (escaped, then nh3)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.PENDING, self.PUBLISHED, self.REFUSED)

    @property
    def is_extendable(self) -> bool:
        return self.status in (self.PUBLISHED, self.EXPIRED)


class AdPhoto(models.Model):
    """A photo of an ad (four at most), stored in the portal's collection."""

    ad = models.ForeignKey(
        Ad, verbose_name=_("annonce"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("photo d'annonce")
        verbose_name_plural = _("photos d'annonce")

    def __str__(self) -> str:
        return f"{self.ad} — {self.sort_order}"

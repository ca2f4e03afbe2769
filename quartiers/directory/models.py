"""Local actors (associations, public services, landlords, schools, shops...)
and the practical information pages of a portal."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from quartiers.portals.models import SectionPage

from .blocks import PracticalInfoBodyBlock
from .validators import FRANCE_BOXES, in_france, phone_validator  # noqa: F401


class DirectoryIndexPage(SectionPage):
    """/<p>/acteurs/: the directory; actor pages and forms hang from it as routes."""

    section_key = "acteurs"
    template = "directory/directory_index_page.html"

    class Meta:
        verbose_name = _("rubrique Acteurs du quartier")

    def base_context(self, request) -> dict:
        """What every screen of the section needs, without the listing."""
        context = super().get_context(request)
        context["actors_root"] = self.get_url(request)
        return context

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = self.base_context(request)
        kind = request.GET.get("type") or ""
        if kind not in dict(LocalActor.KIND_CHOICES):
            kind = ""
        query = (request.GET.get("q") or "").strip()[:100]
        context["kinds"] = LocalActor.KIND_CHOICES
        context["current_kind"] = kind
        context["query"] = query
        context["pagination_query"] = urlencode(
            {k: v for k, v in (("type", kind), ("q", query)) if v}
        ) + ("&" if kind or query else "")
        context["actors_page"] = selectors.actors_page(
            portal=request.portal,
            kind=kind,
            query=query,
            page_number=request.GET.get("page"),
        )
        return context


class PracticalInfoIndexPage(SectionPage):
    """/<p>/infos-pratiques/: lists its practical information pages."""

    section_key = "infos-pratiques"
    subpage_types = ["directory.PracticalInfoPage"]
    template = "directory/practical_info_index_page.html"

    class Meta:
        verbose_name = _("rubrique Infos pratiques")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["infos"] = selectors.practical_infos(self)
        return context


class PracticalInfoPage(Page):
    """Useful numbers, opening hours, where to get help: checked now and then."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(PracticalInfoBodyBlock(), verbose_name=_("contenu"), blank=True)
    last_checked = models.DateField(
        _("vérifié le"),
        null=True,
        blank=True,
        help_text=_(
            "Date à laquelle ces informations ont été vérifiées. Un rappel est "
            "envoyé à l'équipe d'animation au bout de six mois."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_checked"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["directory.PracticalInfoIndexPage"]
    subpage_types: list[str] = []
    template = "directory/practical_info_page.html"

    class Meta:
        verbose_name = _("fiche d'infos pratiques")
        verbose_name_plural = _("fiches d'infos pratiques")


class LocalActor(index.Indexed, models.Model):
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
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="actors",
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
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
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
        verbose_name=_("logo"),
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
    status = models.CharField(
        _("état"), max_length=12, choices=STATUS_CHOICES, default=PUBLISHED
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggéré par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The animators' word to the person who suggested the actor, sent with
    # the decision and shown in their "Mes contributions".
    moderation_note = models.TextField(
        _("mot de l'équipe d'animation"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Facultatif. Envoyé à la personne qui a suggéré cet acteur quand "
            "vous la refusez ou la publiez, et visible dans ses contributions."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("portal"),
                FieldPanel("status"),
                FieldPanel("moderation_note"),
                FieldPanel("managers"),
            ],
            heading=_("Publication et gestion"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("description"),
                FieldPanel("logo"),
            ],
            heading=_("Présentation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("town"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Adresse et horaires"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("mastodon_url"),
            ],
            heading=_("Contact"),
        ),
    ]

    # Public search (quartiers.search) reads the index; only published
    # actors are shown, decided when searching. The filter fields are those
    # the admin listing and choosers filter and sort on.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("portal"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("name"),
        index.FilterField("created_at"),
        index.SearchField("get_kind_display"),
        index.SearchField("description"),
        index.SearchField("address"),
        index.SearchField("town"),
    ]

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

    @property
    def published(self) -> bool:
        return self.status == self.PUBLISHED

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def address_line(self) -> str:
        town = " ".join(part for part in (self.postcode, self.town) if part)
        return ", ".join(part for part in (self.address, town) if part)

    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("Mastodon", self.mastodon_url),
        ]
        return [(label, url) for label, url in links if url]

    def phone_uri(self) -> str:
        digits = "".join(c for c in self.phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""

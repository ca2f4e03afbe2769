"""The network and its portals (the tenants), and the pages that carry them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from quartiers.core import colors

from .admin_forms import PortalHomePageForm, home_slug_locked_message
from .constants import MODERATION_AFTER, MODERATION_BEFORE, RESERVED_SLUGS
from .features import registry

color_validator = RegexValidator(
    colors.HEX_COLOR, _("Indiquez une couleur au format #RRVVBB, par exemple #1d4ed8.")
)


def validate_portal_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _(
                "« %(slug)s » est réservé par la plateforme (il masquerait une "
                "adresse existante). Choisissez un autre identifiant."
            ),
            params={"slug": value},
            code="reserved",
        )


def validate_readable_on_white(value: str) -> None:
    if colors.is_hex_color(value) and (
        colors.contrast_ratio(value, colors.WHITE) < colors.AA_NORMAL_TEXT
    ):
        raise ValidationError(
            _(
                "Cette couleur est trop claire : un texte blanc posé dessus (ou "
                "elle-même sur fond blanc) serait difficile à lire. Essayez une "
                "teinte plus foncée, par exemple %(suggestion)s."
            ),
            params={"suggestion": colors.darken_until_readable(value)},
            code="contrast",
        )


class Portal(models.Model):
    """A neighbourhood: the tenant that owns every piece of content."""

    MODERATION_CHOICES = [
        (MODERATION_BEFORE, _("Relecture avant publication")),
        (MODERATION_AFTER, _("Publication immédiate, modération après coup")),
    ]

    slug = models.SlugField(
        _("identifiant dans l'adresse"),
        max_length=50,
        unique=True,
        validators=[validate_portal_slug],
        help_text=_(
            "Lettres minuscules, chiffres et tirets : il apparaît dans l'adresse /identifiant/."
        ),
    )
    name = models.CharField(_("nom du quartier"), max_length=100)
    town = models.CharField(_("commune"), max_length=100)
    presentation = models.TextField(_("présentation"), max_length=1000, blank=True)
    primary_color = models.CharField(
        _("couleur principale"),
        max_length=7,
        default="#1d4ed8",
        validators=[color_validator, validate_readable_on_white],
    )
    accent_color = models.CharField(
        _("couleur d'accent"),
        max_length=7,
        default="#b91c1c",
        validators=[color_validator, validate_readable_on_white],
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    home_page = models.OneToOneField(
        "portals.PortalHomePage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="portal",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    animator_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderation_mode = models.CharField(
        _("modération des contributions"),
        max_length=10,
        choices=MODERATION_CHOICES,
        default=MODERATION_BEFORE,
    )
    enabled_sections = models.JSONField(
        _("rubriques ouvertes"), default=list, blank=True
    )
    contact_email = models.EmailField(_("email de contact"), blank=True)
    contact_phone = models.CharField(
        _("téléphone de contact"), max_length=30, blank=True
    )
    website_url = models.URLField(_("site web"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    latitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        max_digits=8, decimal_places=5, null=True, blank=True
    )
    # A new portal is listed on the hub and offered at sign-up only once it
    # has an animator and the coordinator or its animator has opened it.
    is_open = models.BooleanField(
        _("ouvert aux habitant·es"),
        default=False,
        help_text=_(
            "Tant qu'il n'est pas ouvert, le quartier n'apparaît ni sur l'accueil "
            "du réseau ni dans le choix du quartier à l'inscription."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("portail de quartier")
        verbose_name_plural = _("portails de quartier")

    def __str__(self) -> str:
        return f"{self.name} ({self.town})"

    def get_absolute_url(self) -> str:
        return f"/{self.slug}/"

    def section_enabled(self, key: str) -> bool:
        return key in self.enabled_sections

    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Mastodon", self.mastodon_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]


class PortalSlugAlias(models.Model):
    """An address a portal answered on before its slug changed.

    /<old_slug>/... answers a permanent redirect to the portal's current
    address, so that partners' links and subscribed feeds keep working.
    """

    old_slug = models.SlugField(max_length=50, unique=True)
    portal = models.ForeignKey(
        Portal, on_delete=models.CASCADE, related_name="slug_aliases"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ancienne adresse d'un portail")
        verbose_name_plural = _("anciennes adresses des portails")

    def __str__(self) -> str:
        return f"/{self.old_slug}/ → {self.portal.slug}"


class HubPage(Page):
    """The network hub at /: every portal of the network."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portals.PortalHomePage", "toolkit.ToolkitIndexPage"]
    max_count = 1
    template = "portals/hub_page.html"

    class Meta:
        verbose_name = _("accueil du réseau")

    def get_context(self, request, *args, **kwargs):
        # The network app reads across portals (map, highlights, events); it
        # depends on this one, so it is imported here, not at module level.
        from quartiers.network import selectors as network_selectors

        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["portals_page"] = selectors.hub_portals_page(
            page_number=request.GET.get("page"),
            per_page=settings.QUARTIERS_HUB_PAGE_SIZE,
        )
        context["map_markers"] = network_selectors.hub_map_markers()
        context["highlights"] = network_selectors.hub_highlights(request, limit=6)
        context["network_events"] = network_selectors.hub_events(request, limit=8)
        return context


class PortalHomePage(RoutablePageMixin, Page):
    """The home of one portal, at /<slug>/ or at the root of its own domain."""

    welcome = models.TextField(_("mot d'accueil"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("welcome")]
    parent_page_types = ["portals.HubPage"]
    template = "portals/portal_home_page.html"
    # The slug is the portal's address: shown locked in the editor, changed
    # only by the portal service that keeps the old addresses answering.
    base_form_class = PortalHomePageForm

    class Meta:
        verbose_name = _("accueil d'un portail")

    def _portal_slug(self) -> str | None:
        if self.pk is None:
            return None
        return (
            Portal.objects.filter(home_page_id=self.pk)
            .values_list("slug", flat=True)
            .first()
        )

    def clean(self):
        super().clean()
        portal_slug = self._portal_slug()
        if portal_slug is not None and self.slug != portal_slug:
            raise ValidationError({"slug": home_slug_locked_message()})

    def with_content_json(self, content):
        # A revision never brings back an old address: the slug is the
        # portal's, not the revision's.
        obj = super().with_content_json(content)
        obj.slug = self.slug
        obj.url_path = self.url_path
        return obj

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        blocks = []
        portal = getattr(request, "portal", None)
        if portal is not None:
            from .visibility import home_blocks

            for block in home_blocks(portal):
                block_context = block.context(portal, request)
                if block_context is not None:
                    blocks.append(
                        {"template": block.template, "context": block_context}
                    )
        context["home_blocks"] = blocks
        return context

    @classmethod
    def get_subpage_urls(cls):
        # Portal-wide addresses declared by apps (agenda.ics, rss.xml...).
        from django.urls import path

        extra = [
            path(route.pattern, route.view, name=route.name)
            for route in registry.routes_for("home")
        ]
        return extra + list(super().get_subpage_urls())

    @classmethod
    def allowed_subpage_models(cls):
        # Each app's section page registers itself; the list is not hard-coded.
        from django.apps import apps

        return [apps.get_model(s.page_model) for s in registry.sections()]


def _children_of_kind(parent, page_class) -> int:
    """How many children of ``parent`` are ``page_class`` pages, from the
    content types of its children read once per parent instance (read again
    once a child was added through it: treebeard counts it in ``numchild``)."""
    from django.contrib.contenttypes.models import ContentType

    cached = parent.__dict__.get("_children_content_types")
    if cached is None or cached[0] != parent.numchild:
        types = list(parent.get_children().values_list("content_type_id", flat=True))
        cached = (parent.numchild, types)
        parent.__dict__["_children_content_types"] = cached
    count = 0
    for type_id in cached[1]:
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None and issubclass(model, page_class):
            count += 1
    return count


class SectionPage(RoutablePageMixin, Page):
    """Base of every section page: one per portal, at a fixed, stable slug."""

    section_key = ""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portals.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """Wagtail's rule (one section of each kind per portal), read with
        one query per portal instead of one per section kind: the admin's
        explorer asks every section kind of every portal row whether it may
        be added (``can_add_subpage``), a dozen counts per row."""
        if not (cls.is_creatable and cls.can_exist_under(parent)):
            return False
        if cls.max_count is not None and cls.objects.count() >= cls.max_count:
            return False
        return _children_of_kind(parent, cls) < cls.max_count_per_parent

    @classmethod
    def get_subpage_urls(cls):
        # Other apps hang their own screens from a section (declared in the
        # feature registry), e.g. newsroom's "proposer un article" under
        # /participer/.
        from django.urls import path

        extra = [
            path(route.pattern, route.view, name=route.name)
            for route in registry.routes_for(cls.section_key)
        ]
        return extra + list(super().get_subpage_urls())

    def section_url(self, request, name: str, *args) -> str:
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    def get_template(self, request, *args, **kwargs):
        # A section app may ship its own template; until then the shared one
        # shows the section's kind empty state.
        return [
            super().get_template(request, *args, **kwargs),
            "portals/section_page.html",
        ]

    @property
    def section(self):
        return registry.section(self.section_key)

    def clean(self):
        super().clean()
        section = self.section
        if section and self.slug != section.slug:
            raise ValidationError(
                {
                    "slug": _(
                        "L'adresse de cette rubrique est fixe (« %(slug)s ») : des "
                        "partenaires y renvoient."
                    )
                    % {"slug": section.slug}
                }
            )

    def serve(self, request, *args, **kwargs):
        portal = getattr(request, "portal", None)
        if portal is None or not portal.section_enabled(self.section_key):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = self.section
        return context


class ParticipatePage(SectionPage):
    """The residents' corner: how to take part."""

    section_key = "participer"
    template = "portals/participate_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from django.apps import apps

        portal = getattr(request, "portal", None)
        root = getattr(request, "portal_root", "/")
        links = []
        for link in registry.participation_links():
            section = registry.section(link.section_key)
            if (
                section is None
                or portal is None
                or not portal.section_enabled(section.key)
            ):
                continue
            model = apps.get_model(section.page_model)
            path = model.get_resolver().reverse(link.route_name)
            links.append({"link": link, "url": f"{root}{section.slug}/{path}"})
        context["participation_links"] = links
        return context

    class Meta:
        verbose_name = _("rubrique Participer")

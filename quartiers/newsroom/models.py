"""The journal: rubriques, articles, and residents' submissions."""

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from quartiers.portals.models import SectionPage

from .blocks import ArticleBodyBlock
from .panels import ImageRightsPanel

WORDS_PER_MINUTE = 200


class JournalIndexPage(SectionPage):
    section_key = "journal"

    subpage_types = ["newsroom.ArticlePage"]

    class Meta:
        verbose_name = _("rubrique Journal")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        portal = request.portal
        rubriques = selectors.rubriques_of(portal)
        current = next(
            (r for r in rubriques if r.slug == request.GET.get("rubrique")), None
        )
        context["rubriques"] = rubriques
        context["current_rubrique"] = current
        context["pagination_query"] = f"rubrique={current.slug}&" if current else ""
        context["articles_page"] = selectors.journal_page(
            journal=self, rubrique=current, page_number=request.GET.get("page")
        )
        return context


class Rubrique(models.Model):
    """A section of a portal's journal ("Vie du quartier", "Portraits"...)."""

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="rubriques",
    )
    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("portal"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("rubrique du journal")
        verbose_name_plural = _("rubriques du journal")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "slug"], name="rubrique_slug_per_portal"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage",
        verbose_name=_("contenu"),
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class ArticlePage(Page):
    """An article of the journal, written by residents with the animator."""

    rubrique = models.ForeignKey(
        Rubrique,
        verbose_name=_("rubrique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chapo = models.TextField(
        _("chapeau"),
        max_length=600,
        blank=True,
        help_text=_("Deux ou trois phrases qui donnent envie de lire."),
    )
    cover = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("texte"), blank=True)
    featured = models.BooleanField(
        _("à la une"),
        default=False,
        help_text=_("Mis en avant sur l'accueil du quartier."),
    )
    reading_minutes = models.PositiveSmallIntegerField(
        _("minutes de lecture"), default=1, editable=False
    )
    tags = ClusterTaggableManager(
        through=ArticleTag, blank=True, verbose_name=_("mots-clés")
    )

    content_panels = Page.content_panels + [
        FieldPanel("chapo"),
        FieldPanel("cover"),
        FieldPanel("body"),
        InlinePanel("authors", label=_("auteurs et autrices")),
        ImageRightsPanel(),
    ]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("rubrique"), FieldPanel("tags"), FieldPanel("featured")],
            heading=_("Classement"),
        ),
    ] + Page.promote_panels
    search_fields = Page.search_fields + [
        index.SearchField("chapo"),
        index.SearchField("body"),
        index.RelatedFields("rubrique", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("featured"),
    ]
    parent_page_types = ["newsroom.JournalIndexPage"]
    subpage_types: list[str] = []
    template = "newsroom/article_page.html"
    accepts_comments = True

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        # Reading time is derived from the text, kept on the row so that lists
        # need no extra work.
        self.reading_minutes = max(
            1, round(len(self.plain_text().split()) / WORDS_PER_MINUTE)
        )
        super().save(*args, **kwargs)

    def plain_text(self) -> str:
        parts = [self.chapo]
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "heading":
                parts.append(block.value)
            elif block.block_type == "quote":
                parts.append(block.value["text"])
        return " ".join(p for p in parts if p)

    def author_names(self) -> list[str]:
        return [author.display_name for author in self.authors.all()]

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = selectors.related_articles(self, limit=3)
        return context


class ArticleAuthor(Orderable):
    article = ParentalKey(
        ArticlePage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="authors",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("nom affiché"), max_length=100, blank=True)

    panels = [FieldPanel("user"), FieldPanel("name")]

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.user_id:
            return self.user.public_name
        return str(_("ancien·ne participant·e"))


class Submission(models.Model):
    """A resident's proposed article, followed from draft to publication."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"
    REFUSED = "refused"
    STATUS_CHOICES = [
        (DRAFT, _("brouillon")),
        (IN_REVIEW, _("en relecture")),
        (CHANGES_REQUESTED, _("à retravailler")),
        (PUBLISHED, _("publié")),
        (REFUSED, _("refusé")),
    ]
    EDITABLE = (DRAFT, CHANGES_REQUESTED)

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur ou autrice"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    page = models.OneToOneField(
        ArticlePage,
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )
    title = models.CharField(_("titre"), max_length=200)
    text = models.TextField(_("texte"))
    rubrique = models.ForeignKey(
        Rubrique,
        verbose_name=_("rubrique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audio = models.FileField(
        _("enregistrement sonore"), upload_to="submissions/audio/%Y/%m/", blank=True
    )
    status = models.CharField(
        _("état"), max_length=20, choices=STATUS_CHOICES, default=DRAFT
    )
    animator_message = models.TextField(
        _("message de l'équipe d'animation"), blank=True
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    submitted_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("proposition d'article")
        verbose_name_plural = _("propositions d'articles")
        indexes = [
            models.Index(fields=["portal", "status"]),
            models.Index(fields=["author", "-updated_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE

"""The network's toolkit ("boîte à outils") and each portal's first steps.

The toolkit is written once by the network coordination for every portal: its
pages hang from the hub, outside every portal's subtree, so animator groups
(whose page rights stop at their portal's home) can read but never edit it.
"""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .access import reads_animator_pages
from .blocks import GuideBodyBlock, TemplateBodyBlock


class RestrictedToAnimatorsMixin:
    """Pages some of which only animators and coordinators may read.

    A visitor who is not logged in is sent to the login page (an animator
    often opens a guide from a link while logged out); a logged-in resident
    gets the same 404 as for a missing page. Those answers vary per person,
    so they must never land in a shared cache.
    """

    def open_to_everyone(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def serve(self, request, *args, **kwargs):
        if not self.open_to_everyone():
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not reads_animator_pages(request.user):
                raise Http404
        response = super().serve(request, *args, **kwargs)
        if not self.open_to_everyone():
            patch_cache_control(response, private=True, no_cache=True)
        return response


class ToolkitIndexPage(Page):
    """The toolkit's home, at /boite-a-outils/ under the network hub."""

    intro = models.TextField(_("introduction"), blank=True)
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection des documents"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portals.HubPage"]
    subpage_types = ["toolkit.GuidePage", "toolkit.TemplatePage"]
    max_count = 1
    template = "toolkit/toolkit_index_page.html"

    class Meta:
        verbose_name = _("boîte à outils")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        everything = reads_animator_pages(request.user)
        context["reads_animator_pages"] = everything
        context["topics"] = selectors.guides_by_topic(everything=everything)
        context["templates"] = selectors.templates_for(everything=everything)
        context["documents"] = selectors.toolkit_documents()
        return context


class GuidePage(RestrictedToAnimatorsMixin, Page):
    """A method or a piece of advice, for animators or for everybody."""

    AUDIENCE_ANIMATORS = "animateurs"
    AUDIENCE_PUBLIC = "public"
    AUDIENCE_CHOICES = [
        (AUDIENCE_ANIMATORS, _("Équipes d'animation seulement")),
        (AUDIENCE_PUBLIC, _("Tout le monde (aussi montré aux habitants)")),
    ]
    TOPIC_CHOICES = [
        ("redaction", _("Animer la rédaction")),
        ("ecrire", _("Écrire et raconter")),
        ("son-image", _("Son, photo et vidéo")),
        ("droits", _("Droits et autorisations")),
        ("communaute", _("Faire vivre la communauté")),
    ]

    summary = models.TextField(
        _("résumé"),
        max_length=400,
        help_text=_("Une ou deux phrases : à quoi sert ce guide."),
    )
    audience = models.CharField(
        _("pour qui"),
        max_length=20,
        choices=AUDIENCE_CHOICES,
        default=AUDIENCE_ANIMATORS,
    )
    topic = models.CharField(
        _("thème"), max_length=20, choices=TOPIC_CHOICES, default="redaction"
    )
    body = StreamField(GuideBodyBlock(), verbose_name=_("texte du guide"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("topic")], heading=_("Classement")
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["toolkit.ToolkitIndexPage"]
    subpage_types: list[str] = []
    template = "toolkit/guide_page.html"

    class Meta:
        verbose_name = _("guide de la boîte à outils")
        verbose_name_plural = _("guides de la boîte à outils")

    def open_to_everyone(self) -> bool:
        return self.audience == self.AUDIENCE_PUBLIC


class TemplatePage(RestrictedToAnimatorsMixin, Page):
    """A model article to start from: a structure, examples and instructions."""

    summary = models.TextField(
        _("à quoi sert ce modèle"),
        max_length=400,
        help_text=_("Une ou deux phrases : quand l'utiliser."),
    )
    article_title = models.CharField(
        _("titre proposé pour l'article"),
        max_length=200,
        help_text=_("Mettez entre crochets ce qui est à remplacer : [prénom]."),
    )
    article_chapo = models.TextField(_("chapeau proposé"), max_length=600, blank=True)
    rubrique_slug = models.SlugField(
        _("rubrique du journal (identifiant)"),
        max_length=80,
        blank=True,
        help_text=_(
            "Par exemple « portraits » : l'article y est rangé si le quartier a "
            "cette rubrique."
        ),
    )
    body = StreamField(TemplateBodyBlock(), verbose_name=_("texte du modèle"))
    for_animators = models.BooleanField(
        _("pour les équipes d'animation"),
        default=True,
        help_text=_("Elles peuvent créer un brouillon d'article à partir du modèle."),
    )
    for_residents = models.BooleanField(
        _("pour les habitants"),
        default=False,
        help_text=_(
            "Montré dans la rubrique Participer : un habitant peut proposer un "
            "article à partir du modèle."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("article_title"),
                FieldPanel("article_chapo"),
                FieldPanel("rubrique_slug"),
            ],
            heading=_("L'article proposé"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("for_animators"), FieldPanel("for_residents")],
            heading=_("Pour qui"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["toolkit.ToolkitIndexPage"]
    subpage_types: list[str] = []
    template = "toolkit/template_page.html"

    class Meta:
        verbose_name = _("modèle d'article")
        verbose_name_plural = _("modèles d'articles")

    def open_to_everyone(self) -> bool:
        return self.for_residents

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.template_actions(template=self, user=request.user))
        return context


class OnboardingStep(models.Model):
    """One step of a new portal's first-steps checklist, ticked or not.

    What each step means (its label, its link, how to notice it is done) lives
    in code (``checklist.STEPS``), so that it is translated and can evolve;
    the row only keeps which portal, which step and when it was done.
    """

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="onboarding_steps"
    )
    key = models.SlugField(max_length=40)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("étape de démarrage")
        verbose_name_plural = _("étapes de démarrage")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "key"], name="onboarding_step_once_per_portal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.portal_id}:{self.key}"

"""The web TV: programmes and the videos filmed in the neighbourhood."""

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Page
from wagtail.search import index

from quartiers.portals.models import SectionPage

# Re-exported: callers catch it from here (one class for the radio and the TV).
from quartiers.uploads.pages import NotReadyToPublish as NotReadyToPublish
from quartiers.uploads.pages import (
    ReadyMediaPage,
)

from .admin_forms import VideoPageForm
from .panels import MediaStatusPanel

# Languages heard in the neighbourhoods; the label is the language's own name,
# as players show it in their captions menu.
CAPTIONS_LANGUAGES = [
    ("fr", "Français"),
    ("ar", "العربية"),
    ("en", "English"),
    ("es", "Español"),
    ("pt", "Português"),
    ("tr", "Türkçe"),
    ("ro", "Română"),
    ("zh", "中文"),
]


class TvIndexPage(SectionPage):
    section_key = "tv"

    subpage_types = ["tv.VideoPage"]
    template = "tv/tv_index_page.html"

    class Meta:
        verbose_name = _("rubrique TV")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        programmes = selectors.programmes_of(request.portal)
        current = next(
            (p for p in programmes if p.slug == request.GET.get("programme")), None
        )
        context["programmes"] = programmes
        context["current_programme"] = current
        context["pagination_query"] = f"programme={current.slug}&" if current else ""
        if not current:
            from quartiers.network import selectors as network_selectors

            context["shared_videos"] = network_selectors.received_items(
                request.portal, request, limit=4, kind="video"
            )
        context["videos_page"] = selectors.videos_page(
            tv=self, programme=current, page_number=request.GET.get("page")
        )
        return context


class Programme(models.Model):
    """A programme of a portal's TV ("Portraits", "Le quartier bouge"...)."""

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="tv_programmes"
    )
    title = models.CharField(_("titre"), max_length=120)
    slug = models.SlugField(
        _("identifiant"),
        max_length=120,
        blank=True,
        help_text=_("Laissez vide : il est fabriqué à partir du titre."),
    )
    description = models.TextField(_("présentation"), max_length=1000, blank=True)
    order = models.PositiveIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("portal"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("order"),
    ]

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("programme de la TV")
        verbose_name_plural = _("programmes de la TV")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "slug"], name="tv_programme_slug_per_portal"
            )
        ]

    def __str__(self) -> str:
        return self.title


class VideoPage(ReadyMediaPage):
    """A video of the portal's TV, played in the browser with its captions."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="videos",
    )
    video = models.ForeignKey(
        "uploads.MediaAsset",
        verbose_name=_("fichier vidéo"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    credits = models.TextField(
        _("générique"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Une ligne par rôle, par exemple « Réalisation : Samia » puis "
            "« Images : Kevin », « Montage : l'atelier vidéo »."
        ),
    )
    captions = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("fichier de sous-titres (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Un fichier .vtt, envoyé dans les documents du quartier. Les "
            "sous-titres aident les personnes sourdes ou malentendantes, et "
            "tout le monde dans le bus."
        ),
    )
    captions_language = models.CharField(
        _("langue des sous-titres"),
        max_length=8,
        choices=CAPTIONS_LANGUAGES,
        default="fr",
    )
    poster = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image d'affiche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Facultatif : sinon, une image est prise dans la vidéo elle-même."),
    )

    content_panels = Page.content_panels + [
        MediaStatusPanel(),
        FieldPanel("programme"),
        FieldPanel("description"),
        FieldPanel("credits"),
        MultiFieldPanel(
            [FieldPanel("captions"), FieldPanel("captions_language")],
            heading=_("Sous-titres"),
        ),
        FieldPanel("poster"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("credits"),
        index.FilterField("programme"),
    ]
    base_form_class = VideoPageForm
    media_field = "video"
    parent_page_types = ["tv.TvIndexPage"]
    subpage_types: list[str] = []
    template = "tv/video_page.html"
    accepts_comments = True

    class Meta:
        verbose_name = _("vidéo")
        verbose_name_plural = _("vidéos")

    @staticmethod
    def not_ready_message() -> str:
        return not_ready_message()

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["asset"] = self.video
        context["poster_url"] = self.poster_url()
        context["captions_url"] = self.captions.url if self.captions_id else ""
        context["description_text"] = strip_tags(self.description)
        context["same_programme"] = selectors.programme_neighbours(self)
        return context

    def poster_url(self, spec: str = "fill-1280x720") -> str:
        """The poster's address: the chosen image, else a frame of the video."""
        image = self.poster_image
        if image is not None:
            return image.get_rendition(spec).url
        return (self.video.poster_url or "") if self.video is not None else ""

    @property
    def captions_label(self) -> str:
        return dict(CAPTIONS_LANGUAGES).get(self.captions_language, "")

    @property
    def poster_image(self):
        """The chosen poster image, when it may be shown."""
        if self.poster is not None and self.poster.publishable:
            return self.poster
        return None


def not_ready_message() -> str:
    from django.utils.translation import gettext

    return gettext(
        "Cette vidéo n'est pas encore prête : elle est en cours de préparation "
        "(ou la préparation a échoué). Enregistrez un brouillon et publiez-la "
        "quand son état indique « prêt »."
    )

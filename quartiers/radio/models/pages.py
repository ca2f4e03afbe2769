"""The radio's pages: the section, its shows (émissions) and their episodes."""

import re
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from quartiers.portals.models import SectionPage
from quartiers.uploads.pages import (
    DESCRIPTION_FEATURES,
    PortalPage,
    ReadyMediaPage,
)

# Re-exported: callers catch it from here (one class for the radio and the TV).
from quartiers.uploads.pages import NotReadyToPublish as NotReadyToPublish

from ..admin_forms import EpisodePageForm, ShowPageForm
from ..panels import MediaStatusPanel

ARTWORK_MIN_SIZE = 1400  # pixels; podcast apps (Apple) ask for 1400 to 3000

LANGUAGES = [
    ("fr", "Français"),
    ("ar", "العربية"),
    ("en", "English"),
    ("es", "Español"),
    ("pt", "Português"),
    ("tr", "Türkçe"),
    ("ro", "Română"),
    ("wo", "Wolof"),
]

# Apple Podcasts categories (value: "Category" or "Category|Subcategory").
PODCAST_CATEGORIES = [
    ("Society & Culture", _("Société et culture")),
    ("Society & Culture|Documentary", _("Société et culture › Documentaire")),
    ("Society & Culture|Personal Journals", _("Société et culture › Témoignages")),
    ("Society & Culture|Places & Travel", _("Société et culture › Lieux")),
    ("News", _("Actualités")),
    ("News|Daily News", _("Actualités › Au quotidien")),
    ("Government", _("Vie publique")),
    ("Music", _("Musique")),
    ("Arts", _("Arts")),
    ("Arts|Books", _("Arts › Livres")),
    ("Education", _("Éducation")),
    ("Kids & Family", _("Enfants et famille")),
    ("Health & Fitness", _("Santé et forme")),
    ("Sports", _("Sports")),
    ("Comedy", _("Humour")),
    ("History", _("Histoire")),
    ("Leisure", _("Loisirs")),
    ("Religion & Spirituality", _("Religions et spiritualité")),
    ("Business", _("Économie et emploi")),
    ("Technology", _("Technologie")),
]

TIMECODE = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$|^(\d{1,5})$")


def timecode_seconds(value: str) -> int:
    """ "1:02:03", "2:05" or "125" → seconds; ValueError otherwise."""
    match = TIMECODE.match((value or "").strip())
    if not match:
        raise ValueError(value)
    hours, minutes, seconds, plain = match.groups()
    if plain is not None:
        return int(plain)
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


timecode_validator = RegexValidator(
    TIMECODE,
    _(
        "Indiquez le moment sous la forme minutes:secondes, par exemple 4:30 ou 1:02:15."
    ),
)


def artwork_problem(image) -> str:
    """Why an image cannot be a podcast's artwork ("" when it can)."""
    if image is None or min(image.width, image.height) >= ARTWORK_MIN_SIZE:
        return ""
    return gettext(
        "Cette image est trop petite (%(width)s × %(height)s pixels) : les "
        "applications de podcast demandent au moins 1400 × 1400 pixels. "
        "Choisissez une image plus grande, ou aucune (celle du quartier sera "
        "utilisée)."
    ) % {"width": image.width, "height": image.height}


def not_ready_message() -> str:
    return gettext(
        "Le son de cet épisode n'est pas encore prêt : il est en cours de "
        "préparation, ou la préparation a échoué. Enregistrez un brouillon et "
        "publiez l'épisode quand son état indique « prêt »."
    )


class SectionGuard:
    """Placed before RoutablePageMixin: every route of the page (feeds,
    chapters...) answers 404 when the radio is switched off in the portal."""

    def serve(self, request, *args, **kwargs):
        portal = getattr(request, "portal", None)
        if portal is None or not portal.section_enabled("radio"):
            raise Http404
        return super().serve(request, *args, **kwargs)


class RadioIndexPage(SectionPage):
    section_key = "radio"

    # The podcast:guid of the portal's all-shows feed, given once.
    podcast_guid = models.UUIDField(
        _("identifiant du podcast"), null=True, blank=True, editable=False
    )
    exclude_fields_in_copy = ["podcast_guid"]

    subpage_types = ["radio.ShowPage"]
    template = "radio/radio_index_page.html"

    class Meta:
        verbose_name = _("rubrique Radio")

    def get_context(self, request, *args, **kwargs):
        from .. import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.radio_home_context(self, request))
        return context

    def save(self, *args, **kwargs):
        if not self.podcast_guid:
            from ..feeds import new_podcast_guid

            self.podcast_guid = new_podcast_guid(self)
        super().save(*args, **kwargs)


class ShowPage(SectionGuard, RoutablePageMixin, PortalPage):
    """A show (émission) of the radio, with its podcast."""

    presentation = RichTextField(
        _("présentation"), features=DESCRIPTION_FEATURES, blank=True
    )
    hosts = models.CharField(
        _("animé par"),
        max_length=200,
        blank=True,
        help_text=_("Les prénoms ou noms des personnes qui font l'émission."),
    )
    artwork = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image de l'émission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Une image carrée d'au moins 1400 × 1400 pixels : les applications "
            "de podcast l'exigent. Sans image, celle du quartier est utilisée."
        ),
    )
    podcast_category = models.CharField(
        _("catégorie du podcast"),
        max_length=80,
        choices=PODCAST_CATEGORIES,
        default="Society & Culture",
    )
    explicit = models.BooleanField(
        _("contenu pour adultes"),
        default=False,
        help_text=_("Langage cru ou sujets réservés aux adultes."),
    )
    language = models.CharField(
        _("langue"), max_length=8, choices=LANGUAGES, default="fr"
    )
    podcast_guid = models.UUIDField(_("identifiant du podcast"), editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("presentation"),
        FieldPanel("hosts"),
        FieldPanel("artwork"),
        MultiFieldPanel(
            [
                FieldPanel("podcast_category"),
                FieldPanel("language"),
                FieldPanel("explicit"),
            ],
            heading=_("Podcast"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("presentation"),
        index.SearchField("hosts"),
        index.FilterField("portal"),
    ]
    base_form_class = ShowPageForm
    exclude_fields_in_copy = ["portal", "podcast_guid"]
    parent_page_types = ["radio.RadioIndexPage"]
    subpage_types = ["radio.EpisodePage"]
    template = "radio/show_page.html"

    class Meta:
        verbose_name = _("émission")
        verbose_name_plural = _("émissions")

    def save(self, *args, **kwargs):
        if not self.podcast_guid:
            # Podcasting 2.0: the UUIDv5 of the feed's permanent address.
            # Given once: it never changes, even if the show is renamed.
            from ..feeds import new_podcast_guid

            # A show outside any portal (never in practice) still gets one.
            self.podcast_guid = new_podcast_guid(self) or uuid.uuid4()
        super().save(*args, **kwargs)

    @property
    def category_parts(self) -> tuple[str, str]:
        main, _sep, sub = self.podcast_category.partition("|")
        return main, sub

    def get_context(self, request, *args, **kwargs):
        from .. import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.show_context(self, request))
        return context

    @path("podcast.xml/")
    def podcast(self, request):
        from .. import views

        return views.show_feed(self, request)


class EpisodePage(SectionGuard, RoutablePageMixin, ReadyMediaPage):
    """One episode of a show: its sound, chapters and transcript."""

    show = models.ForeignKey(
        ShowPage,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="episodes",
    )
    audio = models.ForeignKey(
        "uploads.MediaAsset",
        verbose_name=_("son"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transcript = models.TextField(
        _("transcription"),
        blank=True,
        help_text=_(
            "Ce qui est dit dans l'épisode, pour les personnes sourdes ou "
            "malentendantes. Du texte simple (un paragraphe par idée), ou un "
            "fichier WebVTT collé tel quel."
        ),
    )
    season_number = models.PositiveSmallIntegerField(_("saison"), null=True, blank=True)
    episode_number = models.PositiveSmallIntegerField(
        _("numéro d'épisode"), null=True, blank=True
    )
    explicit = models.BooleanField(_("contenu pour adultes"), default=False)
    guid = models.UUIDField(_("identifiant de l'épisode"), editable=False)
    # An audio testimony recorded by a resident: who, and when they agreed
    # that it may be broadcast.
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    broadcast_consent_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        MediaStatusPanel(),
        FieldPanel("description"),
        InlinePanel("chapters", label=_("chapitres")),
        FieldPanel("transcript"),
        MultiFieldPanel(
            [
                FieldPanel("season_number"),
                FieldPanel("episode_number"),
                FieldPanel("explicit"),
            ],
            heading=_("Podcast"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.FilterField("portal"),
    ]
    base_form_class = EpisodePageForm
    media_field = "audio"
    exclude_fields_in_copy = ["portal", "guid", "contributor", "broadcast_consent_at"]
    parent_page_types = ["radio.ShowPage"]
    subpage_types: list[str] = []
    template = "radio/episode_page.html"
    accepts_comments = True

    class Meta:
        verbose_name = _("épisode")
        verbose_name_plural = _("épisodes")

    def save(self, *args, **kwargs):
        if not self.guid:
            self.guid = uuid.uuid4()
        if self.path:
            self.show_id = (
                ShowPage.objects.filter(path=self.path[: -self.steplen])
                .values_list("pk", flat=True)
                .first()
            )
        super().save(*args, **kwargs)

    @staticmethod
    def not_ready_message() -> str:
        return not_ready_message()

    @property
    def duration(self) -> float | None:
        return self.audio.duration if self.audio is not None else None

    def chapter_list(self) -> list[dict]:
        """Chapters in order, with their start in seconds (bad ones skipped)."""
        chapters = []
        for chapter in self.chapters.all():
            try:
                start = timecode_seconds(chapter.start)
            except ValueError:
                continue
            chapters.append({"start": start, "title": chapter.title})
        return sorted(chapters, key=lambda c: c["start"])

    @path("chapitres.json/")
    def chapters_json(self, request):
        from .. import views

        return views.episode_chapters(self, request)

    @path("transcription.vtt/")
    def transcript_vtt(self, request):
        from .. import views

        return views.episode_transcript(self, request)

    def get_context(self, request, *args, **kwargs):
        from .. import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.episode_context(self, request))
        return context


class EpisodeChapter(Orderable):
    episode = ParentalKey(
        EpisodePage, on_delete=models.CASCADE, related_name="chapters"
    )
    start = models.CharField(
        _("début"),
        max_length=9,
        validators=[timecode_validator],
        help_text=_("Par exemple 4:30 (minutes:secondes)."),
    )
    title = models.CharField(_("titre du chapitre"), max_length=200)

    panels = [FieldPanel("start"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("chapitre")
        verbose_name_plural = _("chapitres")

    def __str__(self) -> str:
        return f"{self.start} {self.title}"

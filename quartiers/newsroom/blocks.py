"""The building blocks of an article body."""

import copy

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("photo"))
    alt = blocks.CharBlock(
        label=_("description pour les personnes aveugles"),
        max_length=300,
        help_text=_("Ce que montre la photo, en une phrase."),
    )
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Photo")
        template = "newsroom/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("qui parle"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "newsroom/blocks/quote.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("titre de la galerie"), required=False, max_length=150
    )
    photos = blocks.ListBlock(ImageBlock(), min_num=2, max_num=24, label=_("photos"))

    class Meta:
        icon = "image"
        label = _("Galerie de photos")
        template = "newsroom/blocks/gallery.html"


class EmbeddedMediaBlock(blocks.PageChooserBlock):
    """A radio episode or a video of the portal, played inside the article.

    It shows only when the chosen page is online, its file is ready, and it
    belongs to the same portal as the article: another portal's page renders
    nothing, as a draft or a file still in preparation does.
    """

    default_page_type = ""
    media_field = ""  # the page's uploads.MediaAsset foreign key
    related: tuple[str, ...] = ()  # loaded along with the page (no extra query)

    def __init__(self, **kwargs):
        kwargs.setdefault("page_type", self.default_page_type)
        super().__init__(**kwargs)

    def _queryset(self):
        return self.model_class.objects.select_related(self.media_field, *self.related)

    def to_python(self, value):
        if value is None:
            return None
        return self._queryset().filter(pk=value).first()

    def bulk_to_python(self, values):
        objects = self._queryset().in_bulk([v for v in values if v is not None])
        result, seen = [], set()
        for pk in values:
            obj = objects.get(pk)
            if obj is not None and pk in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(pk)
        return result

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        target = value if _shows(value, self.media_field, parent_context) else None
        context["target"] = target
        context["asset"] = getattr(target, self.media_field) if target else None
        return context


def _portal_path(parent_context) -> str | None:
    """The tree path of the portal the article belongs to, from its context."""
    from quartiers.portals.selectors import PORTAL_HOME_PATH_LENGTH

    context = parent_context or {}
    article = context.get("page")
    if getattr(article, "path", None) and len(article.path) >= PORTAL_HOME_PATH_LENGTH:
        return article.path[:PORTAL_HOME_PATH_LENGTH]
    portal = getattr(context.get("request"), "portal", None)
    if portal is not None and portal.home_page_id:
        return portal.home_page.path
    return None


def _shows(target, media_field: str, parent_context) -> bool:
    if target is None or not target.live:
        return False
    asset = getattr(target, media_field, None)
    if asset is None or not asset.is_ready:
        return False
    portal_path = _portal_path(parent_context)
    return portal_path is not None and target.path.startswith(portal_path)


class EpisodeBlock(EmbeddedMediaBlock):
    default_page_type = "radio.EpisodePage"
    media_field = "audio"
    related = ("show",)

    class Meta:
        icon = "media"
        label = _("Épisode de la radio")
        help_text = _(
            "Un épisode publié de la radio de ce quartier. Il apparaît dans "
            "l'article quand son fichier est prêt."
        )
        template = "newsroom/blocks/episode.html"


class VideoBlock(EmbeddedMediaBlock):
    default_page_type = "tv.VideoPage"
    media_field = "video"
    related = ("captions", "poster")

    class Meta:
        icon = "media"
        label = _("Vidéo")
        help_text = _(
            "Une vidéo publiée de la TV de ce quartier. Elle apparaît dans "
            "l'article quand son fichier est prêt."
        )
        template = "newsroom/blocks/video.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraphe"))
    heading = blocks.CharBlock(
        label=_("Intertitre"),
        max_length=150,
        form_classname="title",
        template="newsroom/blocks/heading.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    gallery = GalleryBlock()
    episode = EpisodeBlock()
    video = VideoBlock()

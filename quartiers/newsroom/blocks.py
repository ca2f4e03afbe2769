"""The building blocks of an article body."""

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

"""The building blocks of a practical information page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .validators import useful_number_validator

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class UsefulNumberBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("qui appeler"), max_length=150)
    phone = blocks.CharBlock(
        label=_("numéro"), max_length=30, validators=[useful_number_validator]
    )
    note = blocks.CharBlock(
        label=_("précision (horaires, gratuit...)"), max_length=200, required=False
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Numéro utile")
        template = "directory/blocks/useful_number.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("texte du lien"), max_length=150)
    url = blocks.URLBlock(label=_("adresse"))

    class Meta:
        icon = "link"
        label = _("Lien")
        template = "directory/blocks/link.html"


class PracticalInfoBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraphe"))
    heading = blocks.CharBlock(
        label=_("Intertitre"),
        max_length=150,
        form_classname="title",
        template="directory/blocks/heading.html",
    )
    number = UsefulNumberBlock()
    link = LinkBlock()

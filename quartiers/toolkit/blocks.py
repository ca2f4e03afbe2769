"""The building blocks of the toolkit's guides and article templates."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from quartiers.newsroom.blocks import PARAGRAPH_FEATURES, QuoteBlock


class TipBlock(blocks.TextBlock):
    class Meta:
        icon = "help"
        label = _("À retenir")
        template = "toolkit/blocks/tip.html"


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(max_length=300, label=_("étape")), **kwargs)

    class Meta:
        icon = "list-ol"
        label = _("Étapes numérotées")
        template = "toolkit/blocks/steps.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(
        label=_("à quoi il sert"), required=False, max_length=300
    )

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "toolkit/blocks/document.html"


class InstructionBlock(blocks.TextBlock):
    """A hint to the person writing, to be replaced by their own words."""

    class Meta:
        icon = "edit"
        label = _("Consigne (à remplacer)")
        template = "toolkit/blocks/instruction.html"


def _heading(template: str):
    return blocks.CharBlock(
        label=_("Intertitre"),
        max_length=150,
        form_classname="title",
        template=template,
    )


class GuideBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraphe"))
    heading = _heading("newsroom/blocks/heading.html")
    steps = StepsBlock()
    tip = TipBlock()
    quote = QuoteBlock()
    document = DocumentBlock()


class TemplateBodyBlock(blocks.StreamBlock):
    """Only what an article body can hold too, plus instructions. Shown under
    a "the template" heading, so its own headings sit one level lower."""

    heading = _heading("toolkit/blocks/template_heading.html")
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraphe"))
    instruction = InstructionBlock()
    quote = QuoteBlock()

"""The printed edition: the letter as an A4 PDF for notice boards.

One or two pages in large type, each item with a QR code to its page and
one for the portal, so that a neighbour who never goes online reads the
news on the wall and one who has a phone finds the rest.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .emails import absolute

# What fits on two pages at this type size.
PRINT_MAX_ITEMS = 8
SUMMARY_CHARS = 170
QR_SIZE = 30 * mm

TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=26, leading=31)
SUBTITLE = ParagraphStyle("subtitle", fontName="Helvetica", fontSize=14, leading=18)
HEADING = ParagraphStyle(
    "heading", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceBefore=6
)
ITEM_TITLE = ParagraphStyle(
    "item", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=2
)
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=13, leading=17)
SMALL = ParagraphStyle("small", fontName="Helvetica", fontSize=11, leading=14)


def qr_drawing(url: str, size: float = QR_SIZE) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    width, height = x1 - x0, y1 - y0
    drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.add(widget)
    return drawing


def _text(value: str) -> str:
    return escape(value or "")


def _item_cell(item: dict) -> list:
    parts = [Paragraph(_text(item.get("title", "")), ITEM_TITLE)]
    facts = " — ".join(p for p in (item.get("when", ""), item.get("where", "")) if p)
    if facts:
        parts.append(Paragraph(_text(facts), BODY))
    summary = Truncator(item.get("summary", "")).chars(SUMMARY_CHARS)
    if summary:
        parts.append(Paragraph(_text(summary), BODY))
    return parts


def _items_table(items: list[dict]) -> Table:
    rows = [[qr_drawing(absolute(item["url"])), _item_cell(item)] for item in items]
    table = Table(rows, colWidths=[QR_SIZE + 4 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def render(letter, items: list[dict]) -> bytes:
    """The PDF of a letter (``items``: what may be shown, in order)."""
    portal = letter.portal
    portal_url = absolute(portal.get_absolute_url())
    items = items[:PRINT_MAX_ITEMS]
    news = [i for i in items if i.get("group") == "news"]
    agenda = [i for i in items if i.get("group") == "agenda"]
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=f"{_('La lettre du quartier')} — {portal.name} n° {letter.number}",
        author=portal.name,
        lang="fr",
    )
    story: list = [
        Paragraph(_text(_("La lettre du quartier")), TITLE),
        Paragraph(
            _text(
                _("%(name)s — n° %(number)s, semaine du %(day)s")
                % {
                    "name": portal.name,
                    "number": letter.number,
                    "day": letter.week_start.strftime("%d/%m/%Y"),
                }
            ),
            SUBTITLE,
        ),
        Spacer(1, 4 * mm),
    ]
    if letter.intro:
        story += [Paragraph(_text(letter.intro), BODY), Spacer(1, 3 * mm)]
    if news:
        story += [Paragraph(_text(_("Cette semaine dans le quartier")), HEADING)]
        story.append(_items_table(news))
    if agenda:
        story += [Paragraph(_text(_("À venir")), HEADING)]
        story.append(_items_table(agenda))
    footer = Table(
        [
            [
                qr_drawing(portal_url),
                [
                    Paragraph(_text(_("Tout le quartier en ligne")), ITEM_TITLE),
                    Paragraph(_text(portal_url), BODY),
                    Paragraph(
                        _text(
                            _(
                                "Visez un code avec l'appareil photo d'un téléphone "
                                "pour ouvrir la page."
                            )
                        ),
                        SMALL,
                    ),
                ],
            ]
        ],
        colWidths=[QR_SIZE + 4 * mm, None],
    )
    footer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 5 * mm), footer]
    document.build(story)
    return buffer.getvalue()

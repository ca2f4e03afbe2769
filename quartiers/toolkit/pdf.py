"""A tiny writer of plain-text PDF documents (A4, Helvetica, French text).

Enough for printable forms such as a consent form: real selectable text,
a title and a language, no dependency. Characters outside Windows-1252 are
replaced by "?".
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
BODY_SIZE, TITLE_SIZE, HEADING_SIZE = 11, 16, 12.5
BODY_LEADING, TITLE_LEADING, HEADING_LEADING = 15.5, 21, 18
BODY_WRAP, TITLE_WRAP = 88, 55


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _utf16(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _lines(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(style, text) paragraphs -> (style, text) lines, wrapped; '' = blank."""
    lines: list[tuple[str, str]] = []
    for style, text in paragraphs:
        if not text:
            lines.append(("body", ""))
            continue
        width = TITLE_WRAP if style == "title" else BODY_WRAP
        for line in textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]:
            lines.append((style, line))
        if style in ("title", "heading"):
            lines.append(("body", ""))
    return lines


def _pages(lines: list[tuple[str, str]]) -> list[bytes]:
    pages, current, y = [], [], PAGE_HEIGHT - MARGIN
    fonts = {
        "title": (b"/F2", TITLE_SIZE, TITLE_LEADING),
        "heading": (b"/F2", HEADING_SIZE, HEADING_LEADING),
        "body": (b"/F1", BODY_SIZE, BODY_LEADING),
    }
    for style, text in lines:
        font, size, leading = fonts[style]
        if y - leading < MARGIN:
            pages.append(b"\n".join(current))
            current, y = [], PAGE_HEIGHT - MARGIN
        y -= leading
        if text:
            current.append(
                b"BT %s %s Tf %d %.1f Td (%s) Tj ET"
                % (font, str(size).encode(), MARGIN, y, _escape(text))
            )
    pages.append(b"\n".join(current))
    return pages


def build(title: str, paragraphs: list[tuple[str, str]]) -> bytes:
    """A PDF of the given (style, text) paragraphs; style: title|heading|body."""
    streams = _pages(_lines([("title", title), *paragraphs]))
    objects: list[bytes] = []
    page_ids = [5 + 2 * index for index in range(len(streams))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R /Lang (fr-FR) >>")
    objects.append(
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % pid for pid in page_ids), len(streams))
    )
    for base in (b"Helvetica", b"Helvetica-Bold"):
        objects.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s "
            b"/Encoding /WinAnsiEncoding >>" % base
        )
    for page_id, stream in zip(page_ids, streams, strict=True):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, page_id + 1)
        )
        objects.append(
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
    info_id = len(objects) + 1
    objects.append(b"<< /Title %s /Producer (Avis de Quartiers) >>" % _utf16(title))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (
            len(objects) + 1,
            info_id,
            xref,
        )
    )
    return bytes(out)

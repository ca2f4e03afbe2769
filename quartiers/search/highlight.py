"""Matching words marked in a short excerpt, HTML-safe.

Everything is escaped first-hand: only the ``<mark>`` tags this module writes
are markup, so a title holding ``<script>`` shows as text.
"""

import re
import unicodedata
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from . import normalize
from .query import ParsedQuery

EXCERPT_CHARS = 220
BEFORE_MATCH = 60
# Text looked at for an excerpt: a very long body is not read to its end.
READ_CHARS = 20_000
WORD = re.compile(r"[^\W_]+")


def _is_match(word: str, query: ParsedQuery) -> bool:
    folded = normalize.fold(word)
    if folded in normalize.STOPWORDS:
        return False
    return query.matches(normalize.stem(folded))


def highlight(text: str, query: ParsedQuery) -> SafeString:
    """The text, escaped, with each matching word inside <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    parts = []
    last = 0
    for match in WORD.finditer(text):
        if _is_match(match.group(), query):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped above)


# Block ends become spaces, or "fruits.</p><p>Chaque" would read "fruits.Chaque".
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|div)>|<br\s*/?>", re.I)


def plain_text(html: str) -> str:
    return " ".join(unescape(strip_tags(BLOCK_END.sub(" ", html or ""))).split())


def excerpt(texts: list[str], query: ParsedQuery) -> SafeString:
    """A short passage around the first matching word of the first text that
    has one (or the start of the first non-empty text), highlighted."""
    candidates = [
        unicodedata.normalize("NFC", text[:READ_CHARS]) for text in texts if text
    ]
    for text in candidates:
        for match in WORD.finditer(text):
            if _is_match(match.group(), query):
                return highlight(_window(text, match.start()), query)
    if candidates:
        return highlight(_window(candidates[0], 0), query)
    return mark_safe("")


def _window(text: str, position: int) -> str:
    start = max(0, position - BEFORE_MATCH)
    if start:
        # Begin on a word, not inside one.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < position else start
    end = start + EXCERPT_CHARS
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > position else end
    passage = text[start:end].strip()
    return ("… " if start else "") + passage + (" …" if end < len(text) else "")

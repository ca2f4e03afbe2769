"""Clean what residents type: HTML (nh3 allow-list) and control characters.

Only simple formatting survives; links may only use http, https, mailto and
tel; every other tag, attribute and URL scheme is dropped, and the content of
script/style blocks goes with them.

Control characters (U+0000 to U+001F but tab, line feed and carriage
return) are never typed by a person; they come from a copy and paste out of a
word processor or a PDF. XML 1.0 forbids them, so one of them in a title
would break every feed, sitemap and oEmbed answer that shows it: they are
taken out of what people send (``strip_controls``, applied to every form by
``quartiers.core.middleware.CleanTextMiddleware``) and again out of every XML
document we write (``xml_text``), for text stored before.

Text that becomes Wagtail rich text (a blog post, an article proposal, a
testimony's description) goes through ``text_to_richtext``: Wagtail's editor
reads only its own storage format, where a line break is ``<br/>``; the HTML
``<br>`` that nh3 writes makes the editor and the draft preview fail.
"""

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "a",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "svg",
    "math",
}


def clean_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
        strip_comments=True,
    )


def text_to_html(text: str) -> str:
    """Turn plain text typed on a phone into safe paragraphs."""
    from django.utils.html import escape, linebreaks

    return clean_html(linebreaks(escape(strip_controls(text or ""))))


# C0 controls but tab, LF and CR; DEL; and the two non-characters XML refuses.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Lone surrogates cannot be encoded in UTF-8 either.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
VOID_ELEMENTS = re.compile(r"<(br|hr)(\s[^<>]*?)?\s*/?>", re.IGNORECASE)


def strip_controls(text: str) -> str:
    """``text`` without the control characters nobody types (tab and line
    breaks stay)."""
    if not text:
        return text
    return CONTROLS.sub("", text)


def xml_text(value):
    """``value`` made writable in XML 1.0: strings lose the characters XML
    refuses; anything else is returned as it is."""
    if isinstance(value, str):
        return XML_INVALID.sub("", value)
    return value


def xml_safe(value):
    """``xml_text`` through dicts, lists and tuples (a feed's items)."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


def html_to_richtext(html: str) -> str:
    """Cleaned HTML in Wagtail's rich-text storage format (void elements
    closed: ``<br/>``, ``<hr/>``), which its editor can open."""
    return VOID_ELEMENTS.sub(
        lambda m: f"<{m.group(1).lower()}{(m.group(2) or '').rstrip()}/>",
        clean_html(html),
    )


def text_to_richtext(text: str) -> str:
    """Plain text typed by a resident, as Wagtail rich text: paragraphs and
    line breaks kept, everything escaped."""
    from django.utils.html import escape, linebreaks

    return html_to_richtext(linebreaks(escape(strip_controls(text or ""))))

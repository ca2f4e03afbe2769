"""A corpus of XSS payloads: none may leave a script, a handler or a javascript: URL."""

import re

import pytest

from quartiers.core.sanitize import clean_html, text_to_html

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">clic</a>',
    '<a href="JaVaScRiPt:alert(1)">clic</a>',
    '<a href="jav&#x09;ascript:alert(1)">clic</a>',
    '<a href=" javascript:alert(1)">clic</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">clic</a>',
    '<a href="vbscript:msgbox(1)">clic</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="alert(1)">texte</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<img src="x" onerror=alert`1`>',
    '"><script>alert(document.cookie)</script>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<style>@import "javascript:alert(1)";</style>',
    '<base href="javascript:alert(1)//">',
    '<video><source onerror="alert(1)"></video>',
    '<p>Bonjour <strong>voisins</strong> <a href="https://mairie.example.fr">mairie</a></p>',
]

DANGER = re.compile(
    r"<\s*script|\bon[a-z]+\s*=|javascript:|vbscript:|data:text|<\s*iframe|<\s*svg|<\s*style|<\s*object|<\s*embed|<\s*form|<\s*meta|<\s*base",
    re.I,
)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_survives_cleaning(payload):
    cleaned = clean_html(payload)
    assert not DANGER.search(cleaned), cleaned


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_text_is_escaped_never_interpreted(payload):
    html = text_to_html(payload)
    without_our_tags = re.sub(r"</?p>|<br>", "", html)
    assert "<" not in without_our_tags, html


def test_ordinary_formatting_and_safe_links_are_kept():
    cleaned = clean_html(
        '<p>Bonjour <strong>voisins</strong> <a href="https://mairie.example.fr">mairie</a>'
        ' <a href="tel:+33123456789">appeler</a> <a href="mailto:a@example.org">écrire</a></p>'
    )
    assert "<strong>voisins</strong>" in cleaned
    assert 'href="https://mairie.example.fr"' in cleaned
    assert 'href="tel:+33123456789"' in cleaned
    assert 'href="mailto:a@example.org"' in cleaned
    assert 'rel="noopener noreferrer nofollow ugc"' in cleaned


def test_text_typed_on_a_phone_becomes_paragraphs():
    assert (
        text_to_html("Ligne un\n\nLigne deux") == "<p>Ligne un</p>\n\n<p>Ligne deux</p>"
    )

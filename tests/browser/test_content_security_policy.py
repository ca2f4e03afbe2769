"""No page breaks its own Content-Security-Policy, in a real browser.

Every page listed for the accessibility checks (``PAGES``, extended by each
``pages_<app>.py``) is loaded in Chromium with a listener for
``securitypolicyviolation`` in every frame, and the console is read for the
browser's own CSP and Permissions-Policy complaints. The next inline script,
inline style or undeclared origin fails here. The admin is checked on the
screens where Wagtail writes the most script: the dashboard, a page being
edited in Draftail with its preview open, and the image upload.
"""

from __future__ import annotations

import re
import struct
import zlib

import pytest

from tests.browser.test_accessibility import PAGES, _params

pytestmark = pytest.mark.browser

COORDINATOR = "coordination@example.org"
WIDTH = 360
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} bloqué : ${e.blockedURI || "(inline)"}`
    + ` (${e.sourceFile || location.href}:${e.lineNumber}) ${e.sample || ""}`
  );
});
"""
COMPLAINT = re.compile(r"Content Security Policy|Permissions-Policy|Refused to", re.I)


def _watch(page) -> list[str]:
    """Listen before the first byte arrives; return the console complaints."""
    complaints: list[str] = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if COMPLAINT.search(message.text) else None
        ),
    )
    return complaints


def _violations(page, complaints: list[str]) -> list[str]:
    found = list(complaints)
    for frame in page.frames:
        try:
            found += frame.evaluate("window.__cspViolations || []")
        except Exception as error:  # a frame that went away says why
            found.append(f"cadre illisible {frame.url}: {error}")
    return found


@pytest.mark.parametrize("case", _params(PAGES))
def test_page_keeps_its_own_content_security_policy(new_page, server_url, case):
    page = new_page(WIDTH, case.user)
    complaints = _watch(page)
    response = page.goto(server_url + case.path)
    assert response is not None and response.status == case.status, case.path
    assert response.header_value("content-security-policy"), case.path
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # frames (widget previews) and deferred scripts
    found = _violations(page, complaints)
    assert not found, f"{case.path} enfreint sa politique :\n" + "\n".join(found)


def _png() -> bytes:
    """A small valid PNG, made here so the test needs no file."""
    width, height = 64, 48
    raw = b"".join(b"\x00" + b"\x33\x66\xaa" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            struct.pack(">I", len(data))
            + body
            + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_admin_screens_keep_their_policy(new_page, server_url):
    page = new_page(1280, COORDINATOR)
    complaints = _watch(page)

    page.goto(server_url + "/admin/")
    assert "/admin/" in page.url
    found = _violations(page, complaints)

    # A demo article of the peupliers portal, found through the public API.
    listing = page.request.get(server_url + "/api/v1/articles?portal=peupliers&limit=1")
    article_id = listing.json()["results"][0]["id"]
    page.goto(f"{server_url}/admin/pages/{article_id}/edit/")
    assert page.url.endswith(f"/admin/pages/{article_id}/edit/"), page.url
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.type("Une phrase de plus ")
    page.keyboard.press("Control+b")
    page.keyboard.type("en gras")
    page.locator("button[data-side-panel-toggle='preview']").first.click()
    preview = page.frame_locator("iframe[src*='/preview/']").first
    preview.locator("main").first.wait_for(timeout=15000)
    found += _violations(page, complaints)

    page.goto(server_url + "/admin/images/multiple/add/")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "essai.png", "mimeType": "image/png", "buffer": _png()}],
    )
    page.locator("#upload-list li").first.wait_for(timeout=15000)
    page.wait_for_timeout(1000)
    found += _violations(page, complaints)

    assert not found, "l'admin enfreint sa politique :\n" + "\n".join(found)
    assert not page.js_errors, page.js_errors

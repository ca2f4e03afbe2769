"""A portal's home is light on a phone: what a 360 px screen downloads to show
its first screen (the page, styles, scripts, fonts and the images in view)
stays under 100 KB, because images come at the width of their slot."""

import pytest

LIMIT = 100 * 1024

TRANSFER = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const items = performance.getEntriesByType('resource').map(r => ({
    name: r.name, type: r.initiatorType,
    bytes: r.transferSize || r.encodedBodySize || 0,
  }));
  return {page: nav.transferSize || nav.encodedBodySize, items};
}"""


@pytest.mark.parametrize("path", ["/peupliers/"])
def test_the_home_weighs_under_100_kb_on_a_phone(new_page, server_url, path):
    page = new_page(360)
    page.goto(server_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    measured = page.evaluate(TRANSFER)
    total = measured["page"] + sum(item["bytes"] for item in measured["items"])
    detail = sorted(measured["items"], key=lambda item: -item["bytes"])[:8]
    assert total < LIMIT, f"{total} octets : {detail}"
    # Every image that came down was sized for the phone, not the 1200 px file.
    widths = page.evaluate(
        "() => [...document.images].filter(i => i.complete && i.currentSrc)"
        ".map(i => [i.currentSrc, i.naturalWidth])"
    )
    for source, width in widths:
        assert width <= 1080, (source, width)

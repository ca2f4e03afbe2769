"""Radio pages under the browser harness (paths from the demo data)."""

from tests.browser.cases import PageCase

PAGES = [
    PageCase("radio-home", "/peupliers/radio/", reflow=True),
    PageCase("radio-show", "/peupliers/radio/les-voix-du-quartier/", reflow=True),
    PageCase(
        "radio-episode",
        "/peupliers/radio/les-voix-du-quartier/le-marche-du-samedi/",
        reflow=True,
    ),
    PageCase(
        "radio-testimony",
        "/peupliers/participer/temoignage/",
        user="habitant.peupliers@example.org",
        reflow=True,
    ),
]

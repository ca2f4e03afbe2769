"""Search pages under the browser harness (see test_accessibility.py)."""

from tests.browser.cases import PageCase

PAGES = [
    PageCase("search-portal-results", "/peupliers/recherche/?q=jardin", reflow=True),
    PageCase("search-portal-none", "/peupliers/recherche/?q=xylophone", reflow=True),
    PageCase("search-portal-suggestion", "/peupliers/recherche/?q=jardn"),
    PageCase("search-portal-empty", "/peupliers/recherche/"),
    PageCase("search-network-results", "/recherche/?q=marche", reflow=True),
]

"""The fediverse status screens (admin), under the browser harness."""

from tests.browser.cases import PageCase

PAGES = [
    PageCase("fedivers-network", "/admin/fedivers/", user="coordination@example.org"),
    PageCase(
        "fedivers-animator", "/admin/fedivers/", user="animation.peupliers@example.org"
    ),
]

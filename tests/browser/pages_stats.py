"""The dashboard (admin) and the privacy page, under the browser harness."""

from tests.browser.cases import PageCase

PAGES = [
    PageCase(
        "stats-dashboard-network",
        "/admin/tableau-de-bord/",
        user="coordination@example.org",
    ),
    PageCase(
        "stats-dashboard-network-12m",
        "/admin/tableau-de-bord/?periode=12m",
        user="coordination@example.org",
    ),
    PageCase(
        "stats-dashboard-portal",
        "/admin/tableau-de-bord/",
        user="animation.peupliers@example.org",
    ),
    PageCase(
        "stats-dashboard-bad-period",
        "/admin/tableau-de-bord/?periode=perso&du=2999-01-01",
        user="animation.peupliers@example.org",
    ),
    PageCase("stats-privacy", "/peupliers/confidentialite/", reflow=True),
]

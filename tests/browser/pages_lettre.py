"""Following, notifications and the weekly letter, under the browser harness."""

from tests.browser.cases import PageCase

RESIDENT = "habitant.peupliers@example.org"

PAGES = [
    PageCase("lettre-follow", "/peupliers/suivre/", reflow=True),
    PageCase("lettre-archive", "/peupliers/lettre/"),
    PageCase("lettre-letter", "/peupliers/lettre/1/", reflow=True),
    PageCase("lettre-notifications", "/compte/suivi/notifications/", user=RESIDENT),
    PageCase("lettre-preferences", "/compte/suivi/preferences/", user=RESIDENT),
]

"""The residents' and partners' own spaces under the browser harness."""

from tests.browser.cases import PageCase

PAGES = [
    PageCase(
        "contributions",
        "/compte/contributions/?portail=peupliers",
        user="habitant.peupliers@example.org",
        reflow=True,
    ),
    PageCase(
        "contributions-blogger",
        "/compte/contributions/?portail=peupliers&type=post",
        user="samia.blog.peupliers@example.org",
    ),
    PageCase(
        "my-organisation",
        "/hauts-pres/acteurs/mon-organisation/",
        user="partenaire.hauts-pres@example.org",
        reflow=True,
    ),
]

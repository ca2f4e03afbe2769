"""The network toolkit (boîte à outils): hub pages, the residents' guides under
/participer/, and the animators' reading view in the admin."""

from tests.browser.cases import PageCase

ANIMATOR = "animation.peupliers@example.org"
RESIDENT = "habitant.peupliers@example.org"

PAGES = [
    PageCase("toolkit-index", "/boite-a-outils/", reflow=True),
    PageCase("toolkit-index-animator", "/boite-a-outils/", user=ANIMATOR),
    PageCase(
        "toolkit-guide-public",
        "/boite-a-outils/droit-a-l-image-et-autorisations/",
        reflow=True,
    ),
    PageCase(
        "toolkit-guide-animators",
        "/boite-a-outils/animer-un-comite-de-redaction/",
        user=ANIMATOR,
        reflow=True,
    ),
    PageCase("toolkit-template", "/boite-a-outils/portrait-d-habitant/", reflow=True),
    PageCase(
        "toolkit-template-resident",
        "/boite-a-outils/portrait-d-habitant/",
        user=RESIDENT,
    ),
    PageCase(
        "toolkit-template-animator",
        "/boite-a-outils/compte-rendu-de-reunion/",
        user=ANIMATOR,
    ),
    PageCase("toolkit-participer-guides", "/peupliers/participer/guides/", reflow=True),
    PageCase(
        "toolkit-participer-guide",
        "/peupliers/participer/guides/mener-une-interview/",
        reflow=True,
    ),
    PageCase("toolkit-admin", "/admin/boite-a-outils/", user=ANIMATOR),
    PageCase(
        "toolkit-admin-guide",
        "/admin/boite-a-outils/guides/moderer-avec-bienveillance/",
        user=ANIMATOR,
    ),
    PageCase(
        "toolkit-admin-template",
        "/admin/boite-a-outils/modeles/portrait-d-habitant/",
        user=ANIMATOR,
    ),
    PageCase("toolkit-admin-checklist", "/admin/", user=ANIMATOR),
]

"""Accessibility (axe-core, WCAG 2.1 A/AA), small screens and life without JavaScript.

To cover a new page, add one line to ``PAGES`` below (or, for an app's own pages,
to ``PAGES`` in a module ``tests/browser/pages_<app>.py``): every page is then
loaded in Chromium at each width of ``WIDTHS``, checked with axe, and
screenshotted to ``var/screenshots/<id>-<width>.png``.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from pathlib import Path

import pytest

from tests.browser.cases import PageCase

pytestmark = pytest.mark.browser

RESIDENT = "habitant.peupliers@example.org"
THIS_MONTH = date.today()
BLOGGER = "samia.blog.peupliers@example.org"  # a demo resident who keeps a blog


# ---- The pages under test: extend me --------------------------------------
PAGES = [
    PageCase("hub", "/", reflow=True),
    PageCase("portal-home", "/peupliers/", reflow=True),
    PageCase("section-journal", "/peupliers/journal/"),
    PageCase("signup", "/compte/signup/"),
    PageCase("login", "/compte/login/"),
    PageCase("not-found", "/quartier-inconnu/", status=404),
    PageCase("profile", "/compte/profil/", user=RESIDENT),
    # Newsroom
    PageCase("journal", "/peupliers/journal/?rubrique=portraits", reflow=True),
    PageCase("article", "/peupliers/journal/article-1/", reflow=True),
    PageCase("participer", "/peupliers/participer/"),
    PageCase(
        "submission-form", "/peupliers/participer/proposer/", user=RESIDENT, reflow=True
    ),
    PageCase(
        "my-contributions", "/peupliers/participer/mes-contributions/", user=RESIDENT
    ),
    # Blogs and comments
    PageCase("blogs", "/peupliers/blogs/", reflow=True),
    PageCase("blog", "/peupliers/blogs/les-carnets-de-samia/"),
    PageCase(
        "blog-post",
        "/peupliers/blogs/les-carnets-de-samia/le-jardin-partage-a-donne-ses-premieres-tomates/",
        reflow=True,
    ),
    PageCase("blog-open", "/peupliers/blogs/ouvrir/", user=RESIDENT),
    PageCase("my-blog", "/peupliers/blogs/mon-blog/", user=BLOGGER),
    PageCase(
        "blog-post-form", "/peupliers/blogs/mon-blog/nouveau-billet/", user=BLOGGER
    ),
    PageCase("article-commented", "/peupliers/journal/article-1/", user=RESIDENT),
    # Local actors and practical information
    PageCase("actors", "/hauts-pres/acteurs/", reflow=True),
    PageCase("actors-filtered", "/hauts-pres/acteurs/?type=commerce&q=pharmacie"),
    PageCase("actors-map", "/hauts-pres/acteurs/carte/", reflow=True),
    PageCase(
        "actor", "/hauts-pres/acteurs/maison-de-quartier-les-hauts-pres/", reflow=True
    ),
    PageCase(
        "actor-edit",
        "/hauts-pres/acteurs/maison-de-quartier-les-hauts-pres/modifier/",
        user="partenaire.hauts-pres@example.org",
    ),
    PageCase(
        "actor-suggest",
        "/hauts-pres/acteurs/suggerer/",
        user="habitant.hauts-pres@example.org",
    ),
    PageCase("practical-info", "/hauts-pres/infos-pratiques/"),
    PageCase(
        "practical-info-page",
        "/hauts-pres/infos-pratiques/numeros-utiles/",
        reflow=True,
    ),
]

for _module in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if _module.name.startswith("pages_"):
        PAGES += importlib.import_module(f"tests.browser.{_module.name}").PAGES
assert len({case.id for case in PAGES}) == len(PAGES), "PageCase ids must be unique"
WIDTHS = [360, 1280]  # a cheap phone, a laptop
NARROWEST = 320  # WCAG 1.4.10 reflow: no horizontal scrolling at 320 CSS px


def _params(cases):
    return [pytest.param(case, id=case.id) for case in cases]


def _open(new_page, server_url, case: PageCase, width: int, *, javascript=True):
    page = new_page(width, case.user, javascript=javascript)
    response = page.goto(server_url + case.path)
    assert response is not None, f"pas de réponse pour {case.path}"
    assert response.status == case.status, (
        f"{case.path} a répondu {response.status} au lieu de {case.status}"
        f" (URL finale {page.url})"
    )
    assert page.url == server_url + case.path, f"{case.path} a redirigé vers {page.url}"
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", _params(PAGES))
def test_page_is_accessible(
    new_page, server_url, check_accessibility, save_screenshot, case, width
):
    page = _open(new_page, server_url, case, width)
    save_screenshot(page, f"{case.id}-{width}")
    check_accessibility(page)
    assert not page.js_errors, f"erreurs JavaScript sur {case.path}: {page.js_errors}"


@pytest.mark.parametrize("case", _params([c for c in PAGES if c.reflow]))
def test_page_does_not_scroll_sideways_at_320px(new_page, server_url, case):
    page = _open(new_page, server_url, case, NARROWEST)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= NARROWEST, (
        f"{case.path} défile horizontalement à {NARROWEST} px :"
        f" scrollWidth = {scroll_width}"
    )


@pytest.mark.parametrize("case", _params(PAGES))
def test_page_loads_without_javascript(new_page, server_url, case):
    page = _open(new_page, server_url, case, WIDTHS[0], javascript=False)
    assert page.locator("main h1").count() >= 1, f"{case.path} n'a pas de titre h1"


def test_login_form_works_without_javascript(new_page, server_url, login):
    page = new_page(WIDTHS[0], javascript=False)
    login(page, RESIDENT)
    assert page.url == server_url + "/compte/profil/", page.url
    response = page.goto(server_url + "/compte/profil/")
    assert response.status == 200
    assert page.url == server_url + "/compte/profil/", page.url
    # On a phone the account links live in the header's menu.
    menu = page.get_by_role("link", name="Menu")
    if menu.is_visible():
        menu.click()
    logout = page.get_by_role("button", name="Se déconnecter")
    assert logout.count() == 1, "le profil ne montre pas de bouton de déconnexion"


@pytest.mark.parametrize("width", WIDTHS)
def test_report_form_is_accessible(
    new_page, server_url, check_accessibility, save_screenshot, width
):
    """The report form is reached from an article's "Signaler" link."""
    page = new_page(width)
    page.goto(server_url + "/peupliers/journal/article-1/")
    page.get_by_role("link", name="Signaler cet article").click()
    assert "/reactions/signaler/page/" in page.url, page.url
    save_screenshot(page, f"report-form-{width}")
    check_accessibility(page)
    assert page.locator("main h1").count() == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_ad_page_contact_and_report_forms_are_accessible(
    new_page, server_url, check_accessibility, save_screenshot, width
):
    """An ad, its contact form and its report form, reached by following links."""
    page = new_page(width, "habitant.peupliers@example.org")
    page.goto(server_url + "/hauts-pres/annonces/?q=poussette")
    page.get_by_role("link", name="Poussette").first.click()
    assert "/hauts-pres/annonces/" in page.url
    save_screenshot(page, f"ad-{width}")
    check_accessibility(page)
    ad_url = page.url
    page.goto(ad_url + "contacter/")
    save_screenshot(page, f"ad-contact-{width}")
    check_accessibility(page)
    ad_id = ad_url.rstrip("/").rsplit("/", 1)[-1]
    page.goto(f"{server_url}/reactions/signaler/annonce/{ad_id}/")
    save_screenshot(page, f"ad-report-{width}")
    check_accessibility(page)

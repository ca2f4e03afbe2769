"""Phones: at 320 CSS px with text at 200 %, the main resident pages never
scroll sideways (WCAG 1.4.4 and 1.4.10), the month agenda fits, the radio
week shows whole times, and small controls stay at least 24 px tall
(WCAG 2.5.8). Screenshots in var/screenshots/phone-*.png."""

from datetime import date

import pytest

pytestmark = pytest.mark.browser

NARROWEST = 320
RESIDENT = "habitant.peupliers@example.org"
PARTNER = "partenaire.hauts-pres@example.org"
TODAY = date.today()

PAGES = [
    ("hub", "/", None),
    ("home", "/peupliers/", None),
    ("journal", "/peupliers/journal/", None),
    ("article", "/peupliers/journal/article-1/", None),
    ("agenda", "/peupliers/agenda/", None),
    ("agenda-month", f"/peupliers/agenda/mois/{TODAY.year}/{TODAY.month}/", None),
    ("ads", "/hauts-pres/annonces/", None),
    ("actors", "/hauts-pres/acteurs/", None),
    ("actor", "/hauts-pres/acteurs/maison-de-quartier-les-hauts-pres/", None),
    ("radio", "/peupliers/radio/", None),
    ("tv", "/peupliers/tv/", None),
    ("blogs", "/peupliers/blogs/", None),
    ("participer", "/peupliers/participer/", None),
    ("search", "/peupliers/recherche/?q=jardin", None),
    ("login", "/compte/login/", None),
    ("signup", "/compte/signup/", None),
    ("profile", "/compte/profil/", RESIDENT),
    ("contributions", "/compte/contributions/?portail=peupliers", RESIDENT),
    ("submission-form", "/peupliers/participer/proposer/", RESIDENT),
    ("event-form", "/peupliers/agenda/proposer/", RESIDENT),
    ("ad-form", "/hauts-pres/annonces/deposer/", "habitant.hauts-pres@example.org"),
    ("my-organisation", "/hauts-pres/acteurs/mon-organisation/", PARTNER),
    (
        "actor-edit",
        "/hauts-pres/acteurs/maison-de-quartier-les-hauts-pres/modifier/",
        PARTNER,
    ),
]

# Text at 200 %: the root font size doubles (the site's sizes are in rem/em).
# Set through the CSSOM, which the pages' Content-Security-Policy allows.
BIG_TEXT = "document.documentElement.style.fontSize = '200%'"

OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
      wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' ' + Math.round(box.right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, client: width, wide: wide.slice(0, 8)};
}
"""


def _open(new_page, server_url, path, user):
    page = new_page(NARROWEST, user)
    response = page.goto(server_url + path)
    assert response is not None and response.status == 200, path
    page.evaluate(BIG_TEXT)
    page.wait_for_timeout(100)
    return page


@pytest.mark.parametrize("name, path, user", PAGES, ids=[p[0] for p in PAGES])
def test_no_sideways_scroll_at_320px_with_text_at_200_percent(
    new_page, server_url, save_screenshot, name, path, user
):
    page = _open(new_page, server_url, path, user)
    save_screenshot(page, f"phone-{name}")
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["client"], (
        f"{path} défile horizontalement : scrollWidth {found['scroll']} > "
        f"{found['client']} ; éléments trop larges : {found['wide']}"
    )


TARGETS = """
(selector) => Array.from(document.querySelectorAll(selector))
  .filter((el) => el.offsetParent !== null)
  .map((el) => {
    const box = el.getBoundingClientRect();
    return {what: el.outerHTML.slice(0, 80), width: box.width, height: box.height};
  })
  .filter((box) => box.height < 24 || box.width < 24)
"""


@pytest.mark.parametrize(
    "path, user, selector",
    [
        ("/compte/login/", None, "main a, main button, main input:not([type=hidden])"),
        (
            "/peupliers/agenda/proposer/",
            RESIDENT,
            "input[type=date], input[type=time], input[type=datetime-local], input[type=file]",
        ),
        ("/peupliers/participer/proposer/", RESIDENT, "input[type=file]"),
        (
            "/hauts-pres/acteurs/carte/",
            None,
            ".leaflet-marker-icon, .leaflet-control-zoom a",
        ),
    ],
)
def test_tap_targets_are_at_least_24px(new_page, server_url, path, user, selector):
    page = new_page(360, user)
    page.goto(server_url + path)
    page.wait_for_timeout(300)
    small = page.evaluate(TARGETS, selector)
    assert not small, f"{path} : cibles de moins de 24 px : {small}"


def test_radio_week_never_cuts_a_time(new_page, server_url, save_screenshot):
    page = _open(new_page, server_url, "/peupliers/radio/", None)
    cut = page.evaluate(
        """() => {
          const week = document.querySelector('.radio-week');
          if (!week) return ['pas de grille de la semaine'];
          const cut = [];
          if (week.scrollWidth > week.clientWidth + 1) cut.push('grille plus large que l’écran');
          const right = week.getBoundingClientRect().right;
          for (const el of week.querySelectorAll('time')) {
            if (el.getBoundingClientRect().right > right + 1) cut.push(el.textContent);
          }
          return cut;
        }"""
    )
    save_screenshot(page, "phone-radio-week")
    assert not cut, f"horaires coupés : {cut}"

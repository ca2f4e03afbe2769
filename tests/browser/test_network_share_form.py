"""The share form in a real browser: portals are found by a search that works
without JavaScript and keeps what was typed, groups are offered, the page
passes axe; and the one map script draws the hub's and the actors' maps."""

import re

import pytest

ANIMATOR = "animation.peupliers@example.org"
WIDTHS = [360, 1280]


def _share_url(page, server_url) -> str:
    """The share form of a live article of Les Peupliers (its id is read
    from the article's report link)."""
    page.goto(server_url + "/peupliers/journal/article-1/")
    href = page.get_by_role("link", name="Signaler cet article").get_attribute("href")
    page_id = re.search(r"/page/(\d+)/", href).group(1)
    return f"{server_url}/admin/partages/page/{page_id}/"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_share_form_is_accessible(
    new_page, server_url, check_accessibility, save_screenshot, width
):
    page = new_page(width, ANIMATOR)
    page.goto(_share_url(page, server_url))
    assert page.get_by_label("Chercher un quartier").count() == 1
    save_screenshot(page, f"network-share-form-{width}")
    check_accessibility(page)
    # With the portals found by a search listed as checkboxes.
    page.get_by_label("Chercher un quartier").fill("Val")
    with page.expect_navigation():
        page.get_by_role("button", name="Chercher", exact=True).click()
    assert page.get_by_label(re.compile("Val Fleuri")).count() == 1
    check_accessibility(page)


def test_the_share_form_searches_and_shares_without_javascript(
    new_page, server_url, save_screenshot
):
    page = new_page(1280, ANIMATOR, javascript=False)
    page.goto(_share_url(page, server_url))
    page.get_by_label("Les groupes et les quartiers que je choisis").check()
    page.get_by_label("Un mot pour les équipes").fill("Pour vos habitants.")
    page.get_by_label("Chercher un quartier").fill("Hauts")
    with page.expect_navigation():
        page.get_by_role("button", name="Chercher", exact=True).click()
    found = page.get_by_label(re.compile("Hauts-Prés"))
    assert found.count() == 1
    assert page.get_by_label("Un mot pour les équipes").input_value() == (
        "Pour vos habitants."
    )
    save_screenshot(page, "network-share-form-search")
    found.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Partager", exact=True).click()
    assert "onglet=envoyes" in page.url, page.url
    assert page.get_by_text("est proposé à").count() >= 1


def test_one_map_script_draws_the_hub_and_the_actors_maps(new_page, server_url):
    page = new_page(1280)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path, box in (("/", "#hub-map"), ("/peupliers/acteurs/carte/", "#actor-map")):
        page.goto(server_url + path)
        assert page.locator(box).count() == 1, path
        page.wait_for_selector(f"{box} .leaflet-marker-icon", state="attached")
        markers = page.locator(f"{box} .leaflet-marker-icon").count()
        assert markers >= 1, path
        assert page.locator(box).is_visible(), path
    assert not errors, errors

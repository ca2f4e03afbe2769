"""On a phone the header is one compact bar; its menu opens without JavaScript."""

import pytest


@pytest.mark.parametrize("javascript", [True, False])
def test_the_phone_header_is_one_bar_and_its_menu_opens(
    new_page, server_url, check_accessibility, javascript
):
    page = new_page(360, javascript=javascript)
    page.goto(server_url + "/peupliers/")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] <= 80, f"l'en-tête prend {header['height']} px"
    sections = page.locator("header .sections-nav")
    assert not sections.is_visible()

    page.get_by_role("link", name="Menu").click()
    assert sections.get_by_role("link", name="Journal").is_visible()
    assert page.locator("header").get_by_role("searchbox").is_visible()
    assert page.locator("header").get_by_role("link", name="Se connecter").is_visible()
    if javascript:  # axe-core runs in the page: it needs JavaScript
        check_accessibility(page)

    page.get_by_role("link", name="Fermer le menu").click()
    assert not sections.is_visible()


def test_the_wide_header_shows_everything_without_a_menu_link(new_page, server_url):
    page = new_page(1280)
    page.goto(server_url + "/peupliers/")
    header = page.locator("header")
    assert (
        header.locator(".sections-nav").get_by_role("link", name="Journal").is_visible()
    )
    assert header.get_by_role("searchbox").is_visible()
    assert not header.get_by_role("link", name="Menu").is_visible()

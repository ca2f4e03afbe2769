"""The animators' admin speaks French: tab titles name the site, not the
tool, and listings and forms show French field names."""

import re

import pytest

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(r">\s*(Portal|Status|Updated at|Created at|User|Author)\s*<")


def test_tab_titles_name_the_site(staff_client, animator_a):
    client = staff_client(animator_a)
    html = client.get("/admin/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Wagtail" not in title
    assert "Avis de Quartiers" in title


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/directory/localactor/",
        "/admin/snippets/classifieds/ad/",
        "/admin/snippets/agenda/event/",
        "/admin/snippets/directory/localactor/add/",
        "/admin/snippets/agenda/event/add/",
    ],
)
def test_listings_and_forms_have_french_field_names(staff_client, coordinator, url):
    client = staff_client(coordinator)
    response = client.get(url)
    if response.status_code == 404:
        pytest.skip(f"{url} is not registered as a snippet")
    html = response.content.decode()
    assert not ENGLISH.search(html), ENGLISH.search(html)

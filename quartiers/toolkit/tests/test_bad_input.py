"""No malformed address of the toolkit produces a 500."""

import pytest

pytestmark = pytest.mark.django_db
BIG = "99999999999999999999999"
PUBLIC = [
    "/boite-a-outils/?page=abc",
    "/boite-a-outils/nexiste-pas/",
    "/alpha/participer/guides/%C3%A9t%C3%A9/",
    "/alpha/participer/guides/" + "x" * 300 + "/",
    "/alpha/participer/guides/%00/",
    f"/alpha/participer/proposer/?modele={BIG}",
    "/alpha/participer/proposer/?modele=%00",
    "/alpha/participer/proposer/?modele=1&modele=abc",
]
ADMIN = [
    f"/admin/boite-a-outils/premiers-pas/{BIG}/",
    "/admin/boite-a-outils/guides/" + "x" * 300 + "/",
    "/admin/boite-a-outils/modeles/%C3%A9t%C3%A9/",
    "/admin/boite-a-outils/guides/%00/",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_addresses(client, resident_a, url):
    client.force_login(resident_a)
    assert client.get(url).status_code < 500


@pytest.mark.parametrize("url", ADMIN)
def test_admin_addresses(staff_client, animator_a, url):
    assert staff_client(animator_a).get(url).status_code < 500


def test_checklist_post_with_garbage(staff_client, animator_a, portal_a):
    response = staff_client(animator_a).post(
        f"/admin/boite-a-outils/premiers-pas/{portal_a.pk}/",
        {"fait": ["%00", "x" * 5000], "next": "javascript:alert(1)"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/boite-a-outils/premiers-pas/{portal_a.pk}/"

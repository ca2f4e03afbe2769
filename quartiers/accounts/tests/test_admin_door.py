"""A resident or partner who opens /admin/ is shown the way to their own space."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "email", ["habitant.alpha@example.org", "partenaire.alpha@example.org"]
)
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/images/"])
def test_non_staff_get_a_kind_page_instead_of_a_login_loop(client, email, path):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email=email))
    response = client.get(path)
    assert response.status_code == 403
    html = response.content.decode()
    assert "réservé à l'animation" in html
    assert 'href="/compte/profil/"' in html


def test_animators_still_reach_the_admin(client, settings, animator_a):
    settings.QUARTIERS_REQUIRE_STAFF_2FA = False
    client.force_login(animator_a)
    assert client.get("/admin/").status_code == 200


def test_visitors_are_sent_to_the_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]

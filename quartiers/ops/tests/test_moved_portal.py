"""A portal that moved out: its old addresses redirect, permanently and
path for path, to the new install; other portals are untouched."""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_the_old_addresses_redirect_to_the_new_install(client, portal_a, portal_b):
    assert client.get(f"/{portal_a.slug}/").status_code == 200
    call_command(
        "portal_moved", "--slug", portal_a.slug, "--to", "https://neuf.example.org/"
    )

    response = client.get(f"/{portal_a.slug}/annonces/?page=2")
    assert response.status_code == 301
    assert (
        response["Location"]
        == f"https://neuf.example.org/{portal_a.slug}/annonces/?page=2"
    )
    assert client.get(f"/{portal_b.slug}/").status_code == 200
    assert client.get("/").status_code == 200

    call_command("portal_moved", "--slug", portal_a.slug, "--remove")
    assert client.get(f"/{portal_a.slug}/").status_code == 200


@pytest.mark.django_db
def test_a_bad_address_is_refused_in_french():
    with pytest.raises(CommandError, match="adresse de la nouvelle installation"):
        call_command("portal_moved", "--slug", "alpha", "--to", "pas-une-adresse")

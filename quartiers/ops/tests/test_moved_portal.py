"""A portal that moved out: once it is gone from here, its old addresses
redirect, permanently and path for path, to the new install; the portals
that stay are untouched and pay nothing for it."""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_the_old_addresses_redirect_to_the_new_install(client, portal_b):
    # "les-tilleuls" left: its portal no longer exists on this install.
    assert client.get("/les-tilleuls/annonces/").status_code == 404
    call_command(
        "portal_moved", "--slug", "les-tilleuls", "--to", "https://neuf.example.org/"
    )

    response = client.get("/les-tilleuls/annonces/?page=2")
    assert response.status_code == 301
    assert (
        response["Location"] == "https://neuf.example.org/les-tilleuls/annonces/?page=2"
    )
    assert client.get(f"/{portal_b.slug}/").status_code == 200
    assert client.get(f"/{portal_b.slug}/nulle-part/").status_code == 404

    call_command("portal_moved", "--slug", "les-tilleuls", "--remove")
    assert client.get("/les-tilleuls/annonces/").status_code == 404


@pytest.mark.django_db
def test_a_portal_page_costs_no_query_for_the_moves(client, portal_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/{portal_a.slug}/").status_code == 200
    assert not [q for q in queries.captured_queries if "ops_movedportal" in q["sql"]]


@pytest.mark.django_db
def test_a_bad_address_is_refused_in_french():
    with pytest.raises(CommandError, match="adresse de la nouvelle installation"):
        call_command("portal_moved", "--slug", "alpha", "--to", "pas-une-adresse")

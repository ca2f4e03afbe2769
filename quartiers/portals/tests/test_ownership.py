"""One owner: a page's portal is its place in the tree. A page never changes
portal by a move; a portal changes address only through the portal service,
and its old addresses keep answering."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.actions.move_page import MovePageAction

from quartiers.portals import services
from quartiers.portals.models import Portal, PortalSlugAlias
from quartiers.portals.ownership import CrossPortalMove
from quartiers.radio import selectors as radio_selectors
from quartiers.radio.models import ShowPage


@pytest.fixture
def show_a(portal_a):
    radio = radio_selectors.radio_of(portal_a)
    show = ShowPage(title="Les Voix d'Alpha", slug="les-voix-d-alpha")
    radio.add_child(instance=show)
    show.save_revision().publish()
    show.refresh_from_db()
    return show


def _shows_listed(client, slug):
    rows = client.get(f"/api/v1/shows?portal={slug}").json()["results"]
    return {row["title"] for row in rows}


def _stays_in_alpha(show, portal_a):
    show.refresh_from_db()
    assert show.path.startswith(portal_a.home_page.path)
    assert show.portal_id == portal_a.pk


def _refusal_shown(response) -> str:
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "ne peut pas changer de quartier" in text
    return text


def test_admin_move_to_another_portal_is_refused_even_for_the_coordination(
    client, staff_client, coordinator, portal_a, portal_b, show_a
):
    radio_b = radio_selectors.radio_of(portal_b)
    admin = staff_client(coordinator)
    url = reverse("wagtailadmin_pages:move_confirm", args=[show_a.pk, radio_b.pk])

    assert admin.get(url).status_code == 302
    response = admin.post(url)

    assert response.status_code == 302
    _refusal_shown(response)
    _stays_in_alpha(show_a, portal_a)
    assert "Les Voix d'Alpha" not in _shows_listed(client, "beta")
    assert "Les Voix d'Alpha" in _shows_listed(client, "alpha")


def test_bulk_move_to_another_portal_is_refused(
    client, staff_client, coordinator, portal_a, portal_b, show_a
):
    radio_b = radio_selectors.radio_of(portal_b)
    admin = staff_client(coordinator)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"])
        + f"?id={show_a.pk}"
    )

    response = admin.post(url, {"chooser": radio_b.pk})

    assert response.status_code == 302
    _refusal_shown(response)
    _stays_in_alpha(show_a, portal_a)
    assert "Les Voix d'Alpha" not in _shows_listed(client, "beta")


def test_an_animator_of_both_portals_is_refused_too(
    staff_client, animator_a, portal_a, portal_b, show_a
):
    from quartiers.accounts.models import Membership

    Membership.objects.create(user=animator_a, portal=portal_b, role="animator")
    portal_b.animator_group.user_set.add(animator_a)
    radio_b = radio_selectors.radio_of(portal_b)
    url = reverse("wagtailadmin_pages:move_confirm", args=[show_a.pk, radio_b.pk])

    staff_client(animator_a).post(url)

    _stays_in_alpha(show_a, portal_a)


@pytest.mark.parametrize("where", ["radio", "home", "hub"])
def test_code_cannot_move_a_page_out_of_its_portal(portal_a, portal_b, show_a, where):
    destination = {
        "radio": lambda: radio_selectors.radio_of(portal_b),
        "home": lambda: portal_b.home_page,
        "hub": lambda: portal_b.home_page.get_parent(),
    }[where]()
    for page in (show_a, portal_a.home_page.get_children().first()):
        with pytest.raises(CrossPortalMove):
            MovePageAction(page, destination, pos="last-child").execute()
        page.refresh_from_db()
        assert page.path.startswith(portal_a.home_page.path)


def test_moves_inside_a_portal_and_reordering_portals_stay_free(
    portal_a, portal_b, show_a
):
    radio = radio_selectors.radio_of(portal_a)
    MovePageAction(show_a, radio, pos="first-child").execute()
    home_a = portal_a.home_page
    MovePageAction(home_a, portal_b.home_page, pos="right").execute()
    portal_a.refresh_from_db()
    show_a.refresh_from_db()
    assert show_a.path.startswith(portal_a.home_page.path)
    assert show_a.portal_id == portal_a.pk


# -- the portal's address ----------------------------------------------------


@pytest.fixture
def article_a(portal_a):
    from quartiers.newsroom import selectors as newsroom_selectors
    from quartiers.newsroom.models import ArticlePage

    journal = newsroom_selectors.journal_of(portal_a)
    article = ArticlePage(title="La fête des voisins", slug="la-fete-des-voisins")
    journal.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_the_coordination_renames_a_portal_and_old_addresses_redirect(
    client, staff_client, coordinator, portal_a, article_a
):
    admin = staff_client(coordinator)
    settings_page = admin.get(reverse("quartiers_admin:settings", args=[portal_a.pk]))
    address_url = reverse("quartiers_admin:address", args=[portal_a.pk])
    assert address_url in settings_page.content.decode()

    response = admin.post(address_url, {"slug": "alpha-nord"})
    assert response.status_code == 302
    client.logout()

    for old, new in [
        ("/alpha/", "/alpha-nord/"),
        ("/alpha/journal/", "/alpha-nord/journal/"),
        (
            "/alpha/journal/la-fete-des-voisins/",
            "/alpha-nord/journal/la-fete-des-voisins/",
        ),
        ("/alpha/recherche/?q=f%C3%AAte", "/alpha-nord/recherche/?q=f%C3%AAte"),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
        assert client.get(new).status_code == 200, new

    home = portal_a.home_page.specific
    home.refresh_from_db()
    assert home.slug == "alpha-nord"
    article_a.refresh_from_db()
    assert article_a.get_url() == "/alpha-nord/journal/la-fete-des-voisins/"


def test_renaming_twice_keeps_every_old_address(coordinator, portal_a):
    services.portal_rename_slug(actor=coordinator, portal=portal_a, new_slug="alpha-2")
    services.portal_rename_slug(actor=coordinator, portal=portal_a, new_slug="alpha-3")
    aliases = set(PortalSlugAlias.objects.values_list("old_slug", flat=True))
    assert {"alpha", "alpha-2"} <= aliases
    # Back to a former address of its own: allowed, and it stops redirecting.
    services.portal_rename_slug(actor=coordinator, portal=portal_a, new_slug="alpha")
    assert not PortalSlugAlias.objects.filter(old_slug="alpha").exists()


@pytest.mark.parametrize("bad", ["", "beta", "admin", "api", "Été !", "x" * 80])
def test_bad_new_addresses_get_a_french_message(
    staff_client, coordinator, portal_a, bad
):
    url = reverse("quartiers_admin:address", args=[portal_a.pk])
    response = staff_client(coordinator).post(url, {"slug": bad})
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]
    portal_a.refresh_from_db()
    assert portal_a.slug == "alpha"


def test_an_old_address_is_not_given_to_another_portal(coordinator, portal_a, portal_b):
    from django.core.exceptions import ValidationError

    services.portal_rename_slug(
        actor=coordinator, portal=portal_a, new_slug="alpha-nord"
    )
    with pytest.raises(ValidationError):
        services.portal_rename_slug(
            actor=coordinator, portal=portal_b, new_slug="alpha"
        )
    with pytest.raises(ValidationError):
        services.portal_create(actor=None, slug="alpha", name="Autre", town="Ailleurs")


def test_only_the_coordination_changes_an_address(
    staff_client, animator_a, animator_b, portal_a
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.portal_rename_slug(actor=animator_a, portal=portal_a, new_slug="x-y")
    url = reverse("quartiers_admin:address", args=[portal_a.pk])
    # Wagtail's admin turns the refusal into a redirect with a message.
    assert staff_client(animator_a).post(url, {"slug": "x-y"}).status_code in (302, 403)
    assert staff_client(animator_b).post(url, {"slug": "x-y"}).status_code == 404
    assert Portal.objects.get(pk=portal_a.pk).slug == "alpha"


def _home_edit_data(home, **extra):
    data = {
        "title": home.title,
        "slug": home.slug,
        "welcome": home.welcome,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("who", ["coordinator", "animator_a"])
def test_the_home_page_slug_cannot_be_changed_from_the_editor(
    request, client, staff_client, portal_a, who
):
    user = request.getfixturevalue(who)
    home = portal_a.home_page.specific
    url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    editor = staff_client(user)
    form_html = editor.get(url).content.decode()
    assert "ne se change pas depuis sa page d" in form_html

    response = editor.post(
        url,
        _home_edit_data(
            home, slug="piratage", title="Alpha", **{"action-publish": "1"}
        ),
    )
    assert response.status_code in (200, 302)
    home.refresh_from_db()
    assert home.slug == "alpha"
    assert client.get("/alpha/").status_code == 200
    assert client.get("/piratage/").status_code == 404


def test_no_save_changes_the_home_page_slug_alone(portal_a):
    from django.core.exceptions import ValidationError

    home = portal_a.home_page.specific
    home.slug = "ailleurs"
    with pytest.raises(ValidationError):
        home.full_clean()
    # An old revision published later brings back the current address.
    home.refresh_from_db()
    revision = home.save_revision()
    revision.content["slug"] = "ancienne"
    revision.save()
    revision.publish()
    home.refresh_from_db()
    assert home.slug == "alpha"


def _page_models_with_a_portal_key():
    from django.apps import apps
    from wagtail.models import Page

    return sorted(
        model.__name__
        for model in apps.get_models()
        if issubclass(model, Page)
        and any(field.name == "portal" for field in model._meta.concrete_fields)
    )


def test_every_page_kind_with_a_portal_key_is_covered():
    """A new page model that keeps a portal key must be added to the copy
    test below (its key must follow the tree)."""
    assert _page_models_with_a_portal_key() == [
        "BlogPage",
        "EpisodePage",
        "ShowPage",
        "VideoPage",
    ]


def test_a_copy_into_another_portal_belongs_to_that_portal(
    resident_a, portal_a, portal_b, show_a
):
    from wagtail.actions.copy_page import CopyPageAction

    from quartiers.blogs import selectors as blog_selectors
    from quartiers.blogs import services as blog_services

    blog = blog_services.blog_open(
        portal=portal_a, actor=resident_a, title="Carnet d'Alpha", presentation=""
    )
    targets = [
        (blog, blog_selectors.blog_index_of(portal_b)),
        (show_a, radio_selectors.radio_of(portal_b)),
    ]
    for page, destination in targets:
        copy = CopyPageAction(page, to=destination, recursive=True).execute()
        copy = copy.specific
        copy.refresh_from_db()
        assert copy.portal_id == portal_b.pk, type(copy).__name__
        page.refresh_from_db()
        assert page.portal_id == portal_a.pk

"""An animator starts a draft article from a template, in their own portal only."""

import pytest
from django.core.exceptions import PermissionDenied

from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.newsroom.models import ArticlePage
from quartiers.toolkit import services

pytestmark = pytest.mark.django_db


def _url(template):
    return f"/admin/boite-a-outils/modeles/{template.slug}/commencer/"


def test_animator_gets_a_draft_in_their_journal_and_lands_in_the_editor(
    staff_client, animator_a, portal_a, make_template
):
    template = make_template()
    response = staff_client(animator_a).post(_url(template), {"portal": portal_a.pk})
    article = ArticlePage.objects.get(title="[Prénom], [ce qui la rend unique]")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    assert not article.live
    assert article.get_parent().pk == newsroom_selectors.journal_of(portal_a).pk
    assert article.rubrique.slug == "portraits"
    assert article.rubrique.portal_id == portal_a.pk
    assert article.chapo == "[Qui est-elle, en deux phrases.]"
    assert [block.block_type for block in article.body] == [
        "heading",
        "paragraph",
        "paragraph",
        "quote",
    ]
    assert "[D&#x27;où vient-elle ?]" in article.body[1].value.source or (
        "[D'où vient-elle ?]" in article.body[1].value.source
    )
    assert article.author_names() == ["animation alpha"]
    assert article.get_latest_revision() is not None


def test_editor_opens_for_the_new_draft(
    staff_client, animator_a, portal_a, make_template
):
    client = staff_client(animator_a)
    response = client.post(_url(make_template()), {"portal": portal_a.pk}, follow=True)
    assert response.status_code == 200
    assert "Le brouillon est créé dans le journal de Quartier Alpha" in (
        response.content.decode()
    )


def test_animator_of_b_cannot_create_into_a(
    staff_client, animator_b, portal_a, make_template
):
    template = make_template()
    before = ArticlePage.objects.count()
    response = staff_client(animator_b).post(_url(template), {"portal": portal_a.pk})
    assert response.status_code == 404
    assert ArticlePage.objects.count() == before
    with pytest.raises(PermissionDenied):
        services.article_start_from_template(
            portal=portal_a, actor=animator_b, template_id=template.pk
        )


@pytest.mark.parametrize("portal_id", ["abc", "-1", "99999999999999999999999", " "])
def test_malformed_portal_is_404(staff_client, animator_a, make_template, portal_id):
    before = ArticlePage.objects.count()
    response = staff_client(animator_a).post(
        _url(make_template()), {"portal": portal_id}
    )
    assert response.status_code == 404
    assert ArticlePage.objects.count() == before


def test_single_portal_animator_needs_no_choice(
    staff_client, animator_a, portal_a, make_template
):
    response = staff_client(animator_a).post(_url(make_template()), {})
    assert response.status_code == 302
    assert ArticlePage.objects.filter(
        path__startswith=portal_a.home_page.path, title__startswith="[Prénom]"
    ).exists()


def test_coordinator_must_choose_the_portal(staff_client, coordinator, make_template):
    template = make_template()
    before = ArticlePage.objects.count()
    response = staff_client(coordinator).post(_url(template), {})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/boite-a-outils/modeles/{template.slug}/"
    assert ArticlePage.objects.count() == before


def test_residents_only_template_and_unknown_template_are_404(
    staff_client, animator_a, portal_a, make_template
):
    template = make_template("Pour les habitants", for_animators=False)
    client = staff_client(animator_a)
    assert client.post(_url(template), {"portal": portal_a.pk}).status_code == 404
    response = client.post(
        "/admin/boite-a-outils/modeles/nexiste-pas/commencer/", {"portal": portal_a.pk}
    )
    assert response.status_code == 404


def test_get_does_not_create_anything(staff_client, animator_a, make_template):
    before = ArticlePage.objects.count()
    response = staff_client(animator_a).get(_url(make_template()))
    assert response.status_code == 405
    assert ArticlePage.objects.count() == before


def test_residents_cannot_use_the_admin_route(
    client, resident_a, portal_a, make_template
):
    client.force_login(resident_a)
    before = ArticlePage.objects.count()
    response = client.post(_url(make_template()), {"portal": portal_a.pk})
    assert response.status_code in (302, 403, 404)
    assert ArticlePage.objects.count() == before


def test_two_drafts_from_one_template_get_distinct_addresses(
    animator_a, portal_a, make_template
):
    template = make_template()
    first = services.article_start_from_template(
        portal=portal_a, actor=animator_a, template_id=template.pk
    )
    second = services.article_start_from_template(
        portal=portal_a, actor=animator_a, template_id=template.pk
    )
    assert first.slug != second.slug

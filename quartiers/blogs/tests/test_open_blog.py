"""A resident opens their blog on a portal: one per person per portal."""

import pytest
from wagtail.models import WorkflowState

from quartiers.blogs.models import BlogPage

pytestmark = pytest.mark.django_db

URL = "/alpha/blogs/ouvrir/"


def test_visitor_is_sent_to_login(client, portal_a):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_resident_opens_a_blog_that_waits_for_review(client, resident_a, portal_a):
    client.force_login(resident_a)
    response = client.post(
        URL, {"title": "Les carnets d'Awa", "presentation": "Couturière au 3e."}
    )
    assert response.status_code == 302
    assert response["Location"] == "/alpha/blogs/mon-blog/nouveau-billet/"
    blog = BlogPage.objects.get(author=resident_a)
    assert blog.portal == portal_a
    assert blog.presentation == "Couturière au 3e."
    assert not blog.live
    state = WorkflowState.objects.get(object_id=str(blog.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    mine = client.get("/alpha/blogs/mon-blog/").content.decode()
    assert "en relecture" in mine
    assert (
        client.get(blog.url_path.replace("/reseau-avis-de-quartiers", "")).status_code
        == 404
    )


def test_trusted_resident_opens_a_live_blog(client, resident_a, portal_a, make_trusted):
    make_trusted(resident_a, portal_a)
    client.force_login(resident_a)
    client.post(URL, {"title": "Les carnets d'Awa", "presentation": ""})
    blog = BlogPage.objects.get(author=resident_a)
    assert blog.live
    response = client.get("/alpha/blogs/")
    assert "Les carnets d&#x27;Awa" in response.content.decode()
    assert "Awa" not in client.get("/beta/blogs/").content.decode()


def test_one_blog_per_person_per_portal(client, resident_a, portal_a):
    client.force_login(resident_a)
    client.post(URL, {"title": "Premier", "presentation": ""})
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/alpha/blogs/mon-blog/"
    client.post(URL, {"title": "Second", "presentation": ""})
    assert BlogPage.objects.filter(author=resident_a).count() == 1


def test_non_member_is_told_to_join_first(client, resident_b, portal_a):
    client.force_login(resident_b)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 403
    assert "rejoignez d'abord le quartier" in html
    assert 'href="/compte/profil/"' in html
    response = client.post(URL, {"title": "Chez les voisins", "presentation": ""})
    assert response.status_code == 403
    assert not BlogPage.objects.filter(author=resident_b).exists()


def test_blog_slug_never_shadows_a_route(client, resident_a, portal_a, make_trusted):
    make_trusted(resident_a, portal_a)
    client.force_login(resident_a)
    client.post(URL, {"title": "Mon blog", "presentation": ""})
    blog = BlogPage.objects.get(author=resident_a)
    assert blog.slug == "mon-blog-2"
    assert client.get("/alpha/blogs/mon-blog-2/").status_code == 200


def test_missing_title_keeps_the_presentation(client, resident_a, portal_a):
    client.force_login(resident_a)
    response = client.post(URL, {"title": "", "presentation": "Je cuisine."})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Donnez un nom à votre blog." in html
    assert "Je cuisine." in html

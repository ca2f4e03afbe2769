"""A person's blogs are exported with their data, and erased with the account."""

import pytest

from quartiers.accounts import services as account_services
from quartiers.blogs import services
from quartiers.blogs.models import BlogPage, BlogPostPage
from quartiers.portals.features import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog_with_posts(resident_a, portal_a, live_blog):
    blog = live_blog(resident_a, portal_a, title="Chez Awa")
    services.post_save(
        portal=portal_a, actor=resident_a, title="Publié", text="En ligne."
    )
    return blog


def _blogs_item():
    return next(item for item in registry.personal_data() if item.name == "blogs")


def test_export_holds_blogs_and_posts(resident_a, blog_with_posts):
    data = _blogs_item().export(resident_a)
    (blog,) = data["blogs"]
    assert blog["titre"] == "Chez Awa"
    assert blog["quartier"] == "Quartier Alpha"
    (post,) = blog["billets"]
    assert post["titre"] == "Publié" and post["texte"] == "En ligne."
    assert post["adresse"].endswith("/chez-awa/publie/")


def test_erasing_without_keeping_deletes_the_blog(resident_a, blog_with_posts):
    account_services.account_delete(actor=resident_a, keep_contributions=False)
    assert not BlogPage.objects.filter(pk=blog_with_posts.pk).exists()
    assert not BlogPostPage.objects.exists()


def test_erasing_and_keeping_shows_a_former_participant(
    client, resident_a, portal_a, blog_with_posts, make_trusted
):
    from quartiers.accounts.models import Membership

    Membership.objects.filter(user=resident_a, portal=portal_a).update(role="resident")
    services.post_save(portal=portal_a, actor=resident_a, title="Brouillon", text="x")
    account_services.account_delete(actor=resident_a, keep_contributions=True)
    blog = BlogPage.objects.get(pk=blog_with_posts.pk)
    assert blog.author is None
    assert list(BlogPostPage.objects.values_list("title", flat=True)) == ["Publié"]
    html = client.get(blog.url).content.decode()
    assert "ancien·ne participant·e" in html
    # Publishing an old revision never brings the erased author back.
    blog.get_latest_revision().publish(skip_permission_checks=True)
    assert BlogPage.objects.get(pk=blog.pk).author_id is None

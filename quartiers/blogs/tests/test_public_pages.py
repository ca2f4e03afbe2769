"""Visitors read the blogs: scoped to their portal, constant in queries."""

import pytest
from django.core.files.images import ImageFile

from quartiers.blogs import services
from quartiers.blogs.models import BlogPage
from quartiers.uploads.models import PortalImage
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db


def test_empty_index_invites_residents_to_open_their_blog(client, portal_a, resident_a):
    html = client.get("/alpha/blogs/").content.decode()
    assert "Aucun blog pour l&#x27;instant" in html
    assert "Créer un compte dans ce quartier" in html
    client.force_login(resident_a)
    html = client.get("/alpha/blogs/").content.decode()
    assert 'href="/alpha/blogs/ouvrir/"' in html


def test_index_lists_blogs_with_their_latest_post(
    client, portal_a, resident_a, animator_a, live_blog, add_live_posts
):
    first = live_blog(resident_a, portal_a, title="Les carnets d'Awa")
    add_live_posts(first, 2)
    live_blog(animator_a, portal_a, title="Le blog de l'animation")
    html = client.get("/alpha/blogs/").content.decode()
    assert "Les carnets d&#x27;Awa" in html
    assert "Le blog de l&#x27;animation" in html
    assert "Billet numéro 1" in html  # the latest of the two
    assert "Tenu par habitant alpha" in html
    assert html.index("carnets") < html.index("animation</a>")


def test_blog_page_shows_its_posts_paginated(
    client, portal_a, resident_a, live_blog, add_live_posts
):
    blog = live_blog(resident_a, portal_a)
    add_live_posts(blog, 12)
    html = client.get(blog.url).content.decode()
    assert "Page 1 sur 2" in html
    assert html.count('class="card article-card"') == 10
    assert "Page 2 sur 2" in client.get(blog.url + "?page=2").content.decode()


def test_another_portals_blog_is_a_404_under_the_wrong_prefix(
    client, portal_a, resident_a, live_blog, add_live_posts
):
    blog = live_blog(resident_a, portal_a)
    post = add_live_posts(blog, 1)[0]
    assert client.get(f"/alpha/blogs/{blog.slug}/").status_code == 200
    assert client.get(f"/beta/blogs/{blog.slug}/").status_code == 404
    assert client.get(f"/beta/blogs/{blog.slug}/{post.slug}/").status_code == 404
    assert client.get("/alpha/blogs/blog-inconnu/").status_code == 404


def test_post_page_has_its_blog_and_room_for_comments(
    client, portal_a, resident_a, live_blog
):
    live_blog(resident_a, portal_a, title="Chez Awa")
    post, online = services.post_save(
        portal=portal_a,
        actor=resident_a,
        title="La kermesse",
        text="Samedi à l'école.\n\nVenez nombreux.",
    )
    assert online
    html = client.get(post.url).content.decode()
    assert "<p>Samedi à l&#x27;école.</p>" in html or "<p>Samedi à l'école.</p>" in html
    assert "Par habitant alpha" in html
    assert "Chez Awa" in html


def test_withdrawn_consent_hides_the_photo(
    client, portal_a, resident_a, live_blog, add_live_posts
):
    image = PortalImage(
        title="photo",
        file=ImageFile(__import__("io").BytesIO(png_bytes()), name="p.png"),
        collection=portal_a.collection,
        alt_text="Des voisins",
    )
    image.save()
    blog = live_blog(resident_a, portal_a)
    post = add_live_posts(blog, 1, photo=image)[0]
    assert 'alt="Une photo"' in client.get(post.url).content.decode()
    image.consent = PortalImage.CONSENT_WITHDRAWN
    image.save()
    assert 'alt="Une photo"' not in client.get(post.url).content.decode()


def test_index_and_blog_cost_the_same_queries_with_3_and_60_posts(
    client, portal_a, resident_a, animator_a, live_blog, add_live_posts, count_queries
):
    image = PortalImage(
        title="photo",
        file=ImageFile(__import__("io").BytesIO(png_bytes()), name="p.png"),
        collection=portal_a.collection,
        alt_text="Des voisins",
    )
    image.save()
    blog = live_blog(resident_a, portal_a)
    other = live_blog(animator_a, portal_a, title="Le blog de l'animation")
    add_live_posts(blog, 3, photo=image)
    add_live_posts(other, 1, photo=image)
    index_small = count_queries(client, "/alpha/blogs/")
    blog_small = count_queries(client, blog.url)

    add_live_posts(blog, 57, photo=image, start=3)
    assert BlogPage.objects.get(pk=blog.pk).get_children().count() == 60
    index_large = count_queries(client, "/alpha/blogs/")
    blog_large = count_queries(client, blog.url)

    assert index_small == index_large
    assert blog_small == blog_large
    # Most of these are Wagtail's own routing down the page tree; one reads
    # whether every page above is live (the visibility rule).
    assert index_large <= 17
    assert blog_large <= 17


def test_many_blogs_cost_the_same_queries(client, portal_a, coordinator, count_queries):
    from django.contrib.auth import get_user_model

    from quartiers.accounts import services as account_services

    def open_blogs(start, count):
        for number in range(start, start + count):
            user = get_user_model().objects.create_user(f"voisin{number}@example.org")
            account_services.membership_join(portal=portal_a, actor=user)
            blog = services.blog_open(
                portal=portal_a, actor=user, title=f"Blog {number}", presentation=""
            )
            blog.save_revision().publish(skip_permission_checks=True)

    open_blogs(0, 3)
    small = count_queries(client, "/alpha/blogs/")
    open_blogs(3, 20)
    large = count_queries(client, "/alpha/blogs/")
    assert small == large
    assert "Page 1 sur 2" in client.get("/alpha/blogs/").content.decode()

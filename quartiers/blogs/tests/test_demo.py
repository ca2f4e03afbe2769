import pytest

from quartiers.blogs.demo import seed_blogs
from quartiers.blogs.models import BlogPage, BlogPostPage

pytestmark = pytest.mark.django_db


def test_seed_blogs_is_idempotent_and_scoped(client, portal_a, portal_b):
    seed_blogs(portal_a)
    seed_blogs(portal_a)
    blogs = BlogPage.objects.filter(portal=portal_a)
    assert blogs.count() == 2 and all(blog.live for blog in blogs)
    assert BlogPostPage.objects.live().count() == 5
    assert not BlogPage.objects.filter(portal=portal_b).exists()
    html = client.get("/alpha/blogs/").content.decode()
    assert "Les carnets de Samia" in html and "René raconte le quartier" in html
    post = BlogPostPage.objects.get(title__startswith="Le jardin partagé")
    assert post.photo.collection_id == portal_a.collection_id
    assert client.get(post.url).status_code == 200

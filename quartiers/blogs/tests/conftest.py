import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartiers.accounts import services as account_services
from quartiers.accounts.models import Membership
from quartiers.blogs import services
from quartiers.blogs.models import BlogPostPage


@pytest.fixture
def make_trusted(coordinator):
    def make(user, portal):
        membership = Membership.objects.get(user=user, portal=portal)
        account_services.membership_set_role(
            portal=portal,
            actor=coordinator,
            membership_id=membership.pk,
            role=Membership.TRUSTED,
        )
        return user

    return make


@pytest.fixture
def live_blog(make_trusted):
    """A published blog for a trusted resident (its posts go online at once)."""

    def build(user, portal, title="Les carnets d'Awa"):
        make_trusted(user, portal)
        return services.blog_open(
            portal=portal, actor=user, title=title, presentation="J'écris ici."
        )

    return build


@pytest.fixture
def add_live_posts():
    def add(blog, count, *, photo=None, start=0):
        posts = []
        for number in range(start, start + count):
            post = BlogPostPage(
                title=f"Billet numéro {number}",
                slug=f"billet-{number}",
                body=f"<p>Des nouvelles du quartier, épisode {number}.</p>",
                photo=photo,
                photo_alt="Une photo" if photo else "",
            )
            blog.add_child(instance=post)
            post.save_revision().publish()
            posts.append(post)
        return posts

    return add


@pytest.fixture
def count_queries():
    def count(client, url):
        client.get(url)  # warm caches and create renditions once
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    return count

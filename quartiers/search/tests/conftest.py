"""Builders of searchable content in both portals, as the apps leave it."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.urls("quartiers.search.tests.urls")


@pytest.fixture
def article():
    from quartiers.newsroom import selectors
    from quartiers.newsroom.models import ArticlePage

    def make(portal, title, text="", *, live=True):
        page = ArticlePage(
            title=title,
            chapo=f"Chapeau : {title}",
            body=json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}]),
        )
        selectors.journal_of(portal).add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def ad():
    from quartiers.classifieds.models import Ad

    def make(portal, title, text="Bon état.", *, status=Ad.PUBLISHED, days_left=30):
        now = timezone.now()
        return Ad.objects.create(
            portal=portal,
            author_name="Awa",
            kind=Ad.GIFT,
            category="maison",
            title=title,
            text=text,
            status=status,
            published_at=now - timedelta(days=1),
            expires_at=now + timedelta(days=days_left),
        )

    return make


@pytest.fixture
def event():
    from quartiers.agenda.models import Event

    def make(portal, title, description="", *, status=Event.PUBLISHED):
        from django.utils.text import slugify

        return Event.objects.create(
            portal=portal,
            title=title,
            slug=slugify(title)[:80],
            description=description,
            start=timezone.now() + timedelta(days=3),
            status=status,
        )

    return make


@pytest.fixture
def actor():
    from quartiers.directory.models import LocalActor

    def make(portal, name, description="", *, status=LocalActor.PUBLISHED):
        from django.utils.text import slugify

        return LocalActor.objects.create(
            portal=portal,
            name=name,
            slug=slugify(name)[:150],
            description=description,
            status=status,
        )

    return make


@pytest.fixture
def practical():
    from quartiers.directory.models import PracticalInfoIndexPage, PracticalInfoPage

    def make(portal, title, intro=""):
        page = PracticalInfoPage(title=title, intro=intro)
        PracticalInfoIndexPage.objects.child_of(portal.home_page).get().add_child(
            instance=page
        )
        page.save_revision().publish()
        return page

    return make


@pytest.fixture
def blogpost(coordinator):
    from quartiers.accounts import services as account_services
    from quartiers.accounts.models import Membership
    from quartiers.blogs import services
    from quartiers.blogs.models import BlogPage, BlogPostPage

    def make(portal, author, title, text=""):
        blog = BlogPage.objects.filter(portal=portal, author=author).first()
        if blog is None:
            membership = Membership.objects.get(user=author, portal=portal)
            account_services.membership_set_role(
                portal=portal,
                actor=coordinator,
                membership_id=membership.pk,
                role=Membership.TRUSTED,
            )
            blog = services.blog_open(
                portal=portal, actor=author, title="Carnet", presentation="Ici."
            )
        post = BlogPostPage(title=title, body=f"<p>{text}</p>")
        blog.add_child(instance=post)
        post.save_revision().publish()
        return post

    return make


@pytest.fixture
def search_get(client):
    """GET a search page; returns (response, text)."""

    def get(path, **params):
        response = client.get(path, params)
        return response, response.content.decode()

    return get

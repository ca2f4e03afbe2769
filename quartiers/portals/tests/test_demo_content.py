import pytest

from quartiers.blogs.models import BlogPage, BlogPostPage
from quartiers.comments.models import Comment
from quartiers.moderation.models import Report
from quartiers.newsroom.models import ArticlePage, Submission
from quartiers.portals import demo
from quartiers.portals.models import Portal

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_a_demo_portal_has_a_believable_newsroom():
    demo.seed_demo(demo.DEMO_PORTALS[:1])
    portal = Portal.objects.get(slug=demo.DEMO_PORTALS[0]["slug"])
    root = portal.home_page.path
    articles = ArticlePage.objects.live().filter(path__startswith=root)
    assert articles.count() >= 10
    assert all(a.cover_id for a in articles)
    assert BlogPage.objects.live().filter(path__startswith=root).count() >= 2
    assert BlogPostPage.objects.live().filter(path__startswith=root).exists()
    assert Comment.objects.filter(portal=portal, status=Comment.PUBLISHED).exists()
    assert Comment.objects.filter(portal=portal, status=Comment.PENDING).exists()
    assert Submission.objects.filter(
        portal=portal, status=Submission.IN_REVIEW
    ).exists()
    assert Report.objects.filter(portal=portal, status=Report.OPEN).exists()

    counts = (
        ArticlePage.objects.count(),
        Comment.objects.count(),
        Report.objects.count(),
    )
    demo.seed_demo(demo.DEMO_PORTALS[:1])  # idempotent
    assert counts == (
        ArticlePage.objects.count(),
        Comment.objects.count(),
        Report.objects.count(),
    )

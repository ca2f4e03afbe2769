"""Feeds of the blogs: every post of the portal, and each blog."""

from django.http import Http404
from django.utils.translation import gettext as _

from quartiers.outreach import feeds
from quartiers.portals import visibility

from .models import BlogPage


def _posts(portal):
    return visibility.visible(portal, "blogpost")


def blogs_feed(page, request, fmt):
    portal = request.portal
    return feeds.serve(
        request,
        fmt,
        lambda: feeds.portal_spec(
            request,
            portal,
            title=_("Blogs"),
            path="blogs/",
            description=_("Les derniers billets des blogs d'habitants."),
            items=feeds.items_of("blogpost", _posts(portal)),
        ),
    )


def blog_feed(page, request, blog, fmt):
    portal = request.portal

    def build():
        found = (
            BlogPage.objects.live().public().child_of(page).filter(slug=blog).first()
        )
        if found is None:
            raise Http404
        return feeds.portal_spec(
            request,
            portal,
            title=found.title,
            path=f"blogs/{found.slug}/",
            description=found.presentation or found.title,
            items=feeds.items_of(
                "blogpost", _posts(portal).filter(path__startswith=found.path)
            ),
        )

    return feeds.serve(request, fmt, build)

"""Feeds of the journal: every article, and each rubrique."""

from django.http import Http404
from django.utils.translation import gettext as _

from quartiers.outreach import feeds
from quartiers.portals import visibility

from . import selectors


def _articles(portal):
    return visibility.visible(portal, "article")


def journal_feed(page, request, fmt):
    portal = request.portal
    return feeds.serve(
        request,
        fmt,
        lambda: feeds.portal_spec(
            request,
            portal,
            title=_("Journal"),
            path="journal/",
            description=_("Les articles du journal du quartier."),
            items=feeds.items_of("article", _articles(portal)),
        ),
    )


def rubrique_feed(page, request, rubrique, fmt):
    portal = request.portal

    def build():
        found = selectors.rubrique_by_slug(portal, rubrique)
        if found is None:
            raise Http404
        return feeds.portal_spec(
            request,
            portal,
            title=_("Journal : %(rubrique)s") % {"rubrique": found.name},
            path=f"journal/?rubrique={found.slug}",
            description=found.description
            or _("Les articles de la rubrique %(rubrique)s.")
            % {"rubrique": found.name},
            items=feeds.items_of("article", _articles(portal).filter(rubrique=found)),
        )

    return feeds.serve(request, fmt, build)

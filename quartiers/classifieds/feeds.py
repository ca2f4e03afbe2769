"""Feeds of the classifieds: every ad, and ads of one kind (dons, prêts...)."""

from urllib.parse import urlencode

from django.http import Http404
from django.utils.translation import gettext as _

from quartiers.outreach import feeds
from quartiers.portals import visibility

from .models import Ad


def _ads(portal):
    return visibility.visible(portal, "ad")


def ads_feed(page, request, fmt):
    portal = request.portal
    return feeds.serve(
        request,
        fmt,
        lambda: feeds.portal_spec(
            request,
            portal,
            title=_("Petites annonces"),
            path="annonces/",
            description=_("Les dernières petites annonces entre voisins."),
            items=feeds.items_of("ad", _ads(portal)),
        ),
    )


def ads_kind_feed(page, request, kind, fmt):
    portal = request.portal
    label = dict(Ad.KIND_CHOICES).get(kind)
    if label is None:
        raise Http404
    return feeds.serve(
        request,
        fmt,
        lambda: feeds.portal_spec(
            request,
            portal,
            title=_("Petites annonces : %(kind)s") % {"kind": label},
            path="annonces/?" + urlencode({"type": kind}),
            description=_("Les dernières annonces « %(kind)s ».") % {"kind": label},
            items=feeds.items_of("ad", _ads(portal).filter(kind=kind)),
        ),
    )

"""What every endpoint shares: the portal asked for, image addresses, the
error answers each operation documents."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from quartiers.portals import exposing
from quartiers.portals import selectors as portal_selectors
from quartiers.portals.models import Portal

from ..errors import not_found
from ..schemas import ErrorOut

# The size the content kinds prefetch: no extra query per item.
IMAGE_SPEC = exposing.IMAGE_SPEC
MAX_ID = 2**31 - 1
# Every operation may answer these (a bad parameter, nothing public there,
# too many requests), always as {"detail": "<a French sentence>"}.
ERRORS = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}


def portal_of(slug: str | None) -> Portal | None:
    if slug is None:
        return None
    portal = portal_selectors.portal_by_slug(slug)
    if portal is None:
        raise not_found(_("Quartier inconnu : %(slug)s.") % {"slug": slug[:100]})
    return portal


def image_url(request: HttpRequest, image) -> str | None:
    if image is None or not getattr(image, "publishable", True):
        return None
    try:
        rendition = image.get_rendition(IMAGE_SPEC)
    except Exception:  # a missing or broken file must not break a whole list
        return None
    return request.build_absolute_uri(rendition.url)

"""Template helpers for pieces shown outside their portal."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_root_url(context, portal) -> str:
    """The address of a portal's home as seen from the current request: a
    path on the network's site, or the full address of the portal's own
    domain (needs ``portal.home_page`` loaded to cost no query)."""
    return selectors.portal_root(portal, context.get("request"))

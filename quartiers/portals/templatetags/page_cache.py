"""The personal part of a page: the header's account links."""

from django import template
from django.utils.safestring import mark_safe

from quartiers.portals import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def account_nav(context, portal=None):
    """The account links between the markers the page cache replaces for a
    logged-in visitor. Reading the visitor here does not make the page
    personal; reading them anywhere else does (see pagecache)."""
    request = getattr(context, "request", None)
    slug = portal.slug if portal is not None else ""
    return mark_safe(pagecache.personal_fragment(request, slug))  # noqa: S308

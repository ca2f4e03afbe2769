"""{% feed_links %} and {% oembed_links %}: what a page announces in <head>."""

from urllib.parse import urlencode

from django import template
from django.apps import apps
from django.utils.html import format_html, format_html_join

from quartiers.outreach import discovery
from quartiers.outreach.oembed import OEMBED_KINDS
from quartiers.portals.features import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_links(context):
    """<link rel="alternate"> for the RSS and Atom feeds of this page."""
    rows = []
    for link in discovery.page_feeds(context):
        rows.append(("application/rss+xml", f"{link.title} (RSS)", link.path))
        rows.append(("application/atom+xml", f"{link.title} (Atom)", link.atom_path))
    return format_html_join(
        "\n",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        rows,
    )


def _embeddable(obj) -> bool:
    for key in OEMBED_KINDS:
        kind = registry.content_kind(key)
        if kind is None:
            continue
        try:
            model = apps.get_model(kind.model)
        except LookupError:
            continue
        if isinstance(obj, model):
            return getattr(obj, "live", True)
    return False


@register.simple_tag(takes_context=True)
def oembed_links(context):
    """oEmbed discovery on an article, episode or video page.

    The page itself (``page``) or the object a route shows (``oembed_object``)
    must be of a kind that can be embedded.
    """
    request = context.get("request")
    obj = context.get("oembed_object") or context.get("page")
    if request is None or obj is None or not _embeddable(obj):
        return ""
    url = request.build_absolute_uri(request.path)
    title = getattr(obj, "title", "")
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">\n'
        '<link rel="alternate" type="text/xml+oembed" href="{}" title="{}">',
        request.build_absolute_uri(
            "/oembed/?" + urlencode({"url": url, "format": "json"})
        ),
        title,
        request.build_absolute_uri(
            "/oembed/?" + urlencode({"url": url, "format": "xml"})
        ),
        title,
    )


@register.inclusion_tag("outreach/link_preview.html", takes_context=True)
def link_preview(context):
    """OpenGraph, Twitter card, canonical link and JSON-LD of this page."""
    from quartiers.outreach.previews import preview_for

    try:
        preview = preview_for(context)
    except Exception:  # noqa: BLE001 — a preview must never break a page
        import logging

        logging.getLogger(__name__).exception("link preview failed")
        preview = None
    return {"preview": preview}


@register.inclusion_tag("outreach/share_links.html", takes_context=True)
def share_links(context, title=""):
    """Ways to share this page that need no third-party script."""
    from quartiers.outreach.previews import preview_for
    from quartiers.outreach.previews import share_links as links

    preview = preview_for(context)
    if preview is None:
        return {"links": []}
    title = title or preview.title
    return {"links": links(preview.url, title), "url": preview.url}

"""Template tags that write what the Content-Security-Policy must allow.

Each tag records what it wrote on the page's policy (see core.headers), so
the page's header allows exactly that: a style value by its hash, an origin
where a page shows a stream or map tiles, a browser feature it uses.
"""

import re

from django import template
from django.conf import settings
from django.utils.html import format_html

from quartiers.core.headers import PagePolicy, origin_of, page_policy_of

register = template.Library()

# A CSS value we accept in a custom property: a colour or a plain keyword.
CSS_VALUE = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z-]{1,40})$")


def _policy(context) -> PagePolicy | None:
    """Where this page's additions go: the request, or the widget's own record."""
    own = context.get("page_policy")
    if isinstance(own, PagePolicy):
        return own
    # A RequestContext keeps its request even in an {% include … only %}.
    request = getattr(context, "request", None) or context.get("request")
    return page_policy_of(request) if request is not None else None


@register.simple_tag(takes_context=True)
def css_vars(context, **values):
    """` style="--card-color:#123456"` from css_vars(card_color=...), allowed by hash.

    Values that are not a plain colour or keyword are left out, so a page never
    writes CSS it did not mean to.
    """
    declarations = ";".join(
        f"--{name.replace('_', '-')}:{value}"
        for name, value in values.items()
        if CSS_VALUE.match(str(value or ""))
    )
    policy = _policy(context)
    if not declarations or policy is None:
        return ""
    policy.allow_style(declarations)
    return format_html(' style="{}"', declarations)


class InlineStyleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        text = self.nodelist.render(context)
        policy = _policy(context)
        if policy is None:
            return ""
        policy.allow_style(text)
        return f"<style>{text}</style>"


@register.tag
def inline_style(parser, token):
    """{% inline_style %}…{% endinline_style %}: a <style> element allowed by hash."""
    nodelist = parser.parse(("endinline_style",))
    parser.delete_first_token()
    return InlineStyleNode(nodelist)


@register.simple_tag(takes_context=True)
def csp_allow(context, directive, url):
    """Allow the origin of `url` for `directive` on this page; writes nothing."""
    origin = origin_of(str(url or ""))
    policy = _policy(context)
    if origin and policy is not None:
        policy.allow(directive, origin)
    return ""


@register.simple_tag(takes_context=True)
def allow_feature(context, feature):
    """Let this page (not the others) use a browser feature, e.g. the microphone."""
    policy = _policy(context)
    if policy is not None:
        policy.allow_feature(feature)
    return ""


@register.simple_tag(takes_context=True)
def map_tiles(context):
    """` data-tiles="…"`: the maps' tile address, its origin allowed for images."""
    url = settings.QUARTIERS_MAP_TILES
    csp_allow(context, "img-src", url)
    return format_html(' data-tiles="{}"', url)

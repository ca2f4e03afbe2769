"""{% fediverse_replies page %}: the replies from the fediverse that the
portal's animators published under an item, drawn after its comments.

Remote text was cleaned on arrival and is cleaned again here; a remote
display name is plain text; only http(s) links are drawn.
"""

from urllib.parse import urlsplit

from django import template
from django.utils.safestring import mark_safe

from quartiers.core.sanitize import clean_html

from .. import selectors

register = template.Library()


def _web_link(*candidates: str) -> str:
    for url in candidates:
        if url and urlsplit(url).scheme in ("http", "https"):
            return url
    return ""


@register.inclusion_tag("federation/includes/replies.html")
def fediverse_replies(page):
    replies = selectors.published_replies(page) if page is not None else []
    return {
        "replies": [
            {
                "pk": reply.pk,
                "name": reply.actor.display_name or reply.actor.handle,
                "handle": reply.actor.handle,
                "profile": _web_link(reply.actor.profile_url, reply.actor.uri),
                "link": _web_link(reply.url, reply.ap_id),
                "received_at": reply.received_at,
                "html": mark_safe(clean_html(reply.content_html)),  # noqa: S308
                "answers": [
                    mark_safe(clean_html(answer.content_html))  # noqa: S308
                    for answer in reply.answers.all()
                ],
            }
            for reply in replies
        ]
    }

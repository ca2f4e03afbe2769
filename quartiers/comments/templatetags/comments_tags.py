"""{% comment_thread page %}: a page's comments, the form and the report links.

Costs one query whatever the number of comments (see selectors.comment_thread).
"""

from django import template
from django.urls import reverse

from .. import selectors
from ..services import max_length

register = template.Library()


@register.inclusion_tag("comments/includes/thread_body.html", takes_context=True)
def comment_thread(context, page):
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    accepts = page is not None and selectors.page_accepts_comments(page)
    items = selectors.comment_thread(page=page, viewer=user) if accepts else []
    next_url = request.get_full_path() if request is not None else ""
    return {
        "page": page,
        "items": items,
        "count": sum(1 + len(item.replies) for item in items),
        "accepts_comments": accepts,
        "user": user,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "form_url": reverse("comments:create", args=[page.pk]) if accepts else "",
        "login_url": reverse("account_login"),
        "next_url": next_url,
        "max_length": max_length(),
    }

"""The animators' screen to refuse a blog post in review, with a message.

Thin: the page is found among the portals the person animates (missing and
"not yours" are the same 404), then the blogs' own service decides.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartiers.portals import access

from . import selectors, services
from .forms import RefuseForm
from .models import BlogPage


def _page_and_portal(user, page_id: int):
    for portal in access.animated_portals(user).select_related("home_page"):
        page = selectors.page_in_review(portal=portal, page_id=page_id)
        if page is not None:
            return page, portal
    raise Http404


@require_http_methods(["GET", "POST"])
def post_refuse(request, page_id: int):
    access.require_animates_any_portal(request.user)
    page, portal = _page_and_portal(request.user, page_id)
    form = RefuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_refuse(
                portal=portal,
                actor=request.user,
                page_id=page.pk,
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Le billet est refusé ; son auteur ou autrice est prévenu·e."),
            )
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    blog = page if isinstance(page, BlogPage) else page.get_parent().specific
    return render(
        request,
        "blogs/admin/refuse.html",
        {
            "page_title": _("Refuser « %(title)s »") % {"title": page.title},
            "header_icon": "cross",
            "form": form,
            "page": page,
            "author": getattr(blog, "author", None),
            "portal": portal,
        },
    )

"""Residents comment pages; works without JavaScript (post, then back to the page)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartiers.core import ratelimit
from quartiers.portals.selectors import enabled_sections, portal_for_page

from . import selectors, services
from .forms import CommentForm


def portal_context(request, portal) -> dict:
    """The portal's header for screens under /reactions/ (no portal in the URL)."""
    if portal is None:
        return {}
    root = (
        portal.home_page.get_url(request=request) if portal.home_page else None
    ) or (portal.get_absolute_url())
    return {
        "portal": portal,
        "portal_root": root,
        "portal_sections": enabled_sections(portal, root),
    }


def _refused(request, message: str, status: int, portal=None):
    return render(
        request,
        "comments/refused.html",
        {"message": message, **portal_context(request, portal)},
        status=status,
    )


@require_POST
def comment_create(request, page_id):
    page = selectors.commentable_page(page_id)
    portal = portal_for_page(page) if page is not None else None
    if page is None or portal is None:
        return _refused(
            request,
            _("Cette page n'existe pas ou ne reçoit pas de commentaires."),
            404,
        )
    page_url = page.get_url(request=request) or "/"
    if not request.user.is_authenticated:
        return redirect_to_login(page_url)
    form = CommentForm(request.POST)
    if wait := ratelimit.wait_for("comment", request):
        return ratelimit.too_many(request, retry_after=wait, form=form)
    if form.is_valid():
        try:
            comment = services.comment_create(
                portal=portal,
                actor=request.user,
                page=page,
                body=form.cleaned_data["body"],
                parent_id=form.cleaned_data["parent"],
            )
        except PermissionDenied as error:
            return _refused(request, str(error) or _("Action impossible."), 403, portal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            ratelimit.record("comment", request)
            if comment.status == comment.PUBLISHED:
                messages.success(request, _("Merci ! Votre commentaire est en ligne."))
                return redirect(f"{page_url}#commentaire-{comment.pk}")
            messages.success(
                request, _("Merci ! Votre commentaire sera visible après relecture.")
            )
            return redirect(f"{page_url}#commentaires")
    # Nothing typed is lost: the form comes back with the text and the reason.
    return render(
        request,
        "comments/comment_form.html",
        {
            "form": form,
            "target_page": page,
            "page_url": page_url,
            **portal_context(request, portal),
        },
        status=400,
    )

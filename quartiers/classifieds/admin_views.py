"""Animators' decisions on ads: thin views over the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartiers.portals import access

from . import services
from .forms import RefuseForm
from .models import Ad

LISTING = "wagtailsnippets_classifieds_ad:list"


@require_http_methods(["GET", "POST"])
def ad_publish(request, ad_id: int):
    ad = access.access_animated(
        request.user, Ad.objects.select_related("portal", "author"), ad_id
    )
    if request.method == "POST":
        try:
            services.ad_publish(portal=ad.portal, actor=request.user, ad_id=ad.pk)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("L'annonce est en ligne ; son auteur ou autrice est prévenu·e."),
            )
        return redirect(LISTING)
    return TemplateResponse(
        request,
        "classifieds/admin/decide.html",
        {
            "page_title": _("Publier « %(title)s »") % {"title": ad.title},
            "header_icon": "check",
            "ad": ad,
            "form": None,
            "button": _("Publier l'annonce"),
        },
    )


@require_http_methods(["GET", "POST"])
def ad_refuse(request, ad_id: int):
    ad = access.access_animated(
        request.user, Ad.objects.select_related("portal", "author"), ad_id
    )
    form = RefuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ad_refuse(
                portal=ad.portal,
                actor=request.user,
                ad_id=ad.pk,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("L'annonce est refusée ; son auteur ou autrice est prévenu·e."),
            )
            return redirect(LISTING)
    return TemplateResponse(
        request,
        "classifieds/admin/decide.html",
        {
            "page_title": _("Refuser « %(title)s »") % {"title": ad.title},
            "header_icon": "cross",
            "ad": ad,
            "form": form,
            "button": _("Refuser l'annonce"),
        },
    )

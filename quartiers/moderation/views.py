"""Readers report a page or a comment; works without JavaScript or an account."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartiers.comments.views import portal_context
from quartiers.core import ratelimit

from . import selectors, services
from .forms import ReportForm


@require_http_methods(["GET", "POST"])
def report(request, kind: str, object_id: str):
    target = selectors.reportable_target(kind, object_id)
    if target is None:
        return render(
            request,
            "comments/refused.html",
            {
                "message": _(
                    "Ce contenu n'existe pas ou plus, ou il ne peut pas être signalé."
                )
            },
            status=404,
        )
    context = {
        "target": target,
        "target_url": target.public_url(request),
        **portal_context(request, target.portal),
    }
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not ratelimit.hit("report", *ratelimit.request_keys(request)):
            return ratelimit.too_many(request)
        if form.is_valid():
            try:
                _report, created = services.report_create(
                    portal=target.portal,
                    actor=request.user,
                    target=target,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                    email=form.cleaned_data.get("email", ""),
                )
            except PermissionDenied:
                return render(
                    request,
                    "comments/refused.html",
                    {"message": _("Action impossible.")},
                    status=403,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(
                    request,
                    "moderation/report_done.html",
                    {**context, "created": created},
                )
        return render(
            request,
            "moderation/report_form.html",
            {**context, "form": form},
            status=400,
        )
    return render(request, "moderation/report_form.html", {**context, "form": form})

"""Readers report a page or a comment; works without JavaScript or an account.

The author of an item hidden after reports asks for a review here too.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartiers.comments.views import portal_context
from quartiers.core import ratelimit

from . import selectors, services
from .forms import ReportForm, ReviewRequestForm


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
        if wait := ratelimit.wait_for("report", request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
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
                if created:
                    ratelimit.record("report", request)
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


@require_http_methods(["GET", "POST"])
def review_request(request, kind: str, object_id: str):
    """/reactions/reexamen/<kind>/<id>/: the author of a hidden item asks a review."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    withdrawal = selectors.access_withdrawal_for_author(request.user, kind, object_id)
    target = selectors.target_of_withdrawal(withdrawal)
    context = {
        "target": target,
        "withdrawal": withdrawal,
        **portal_context(request, withdrawal.portal),
    }
    form = ReviewRequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.withdrawal_request_review(
                    portal=withdrawal.portal,
                    actor=request.user,
                    withdrawal_id=withdrawal.pk,
                    message=form.cleaned_data["message"],
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
                return render(request, "moderation/review_request_done.html", context)
        return render(
            request,
            "moderation/review_request.html",
            {**context, "form": form},
            status=400,
        )
    return render(request, "moderation/review_request.html", {**context, "form": form})

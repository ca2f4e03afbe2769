"""The animators' moderation queue in the Wagtail admin: thin views over services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartiers.portals import access

from . import selectors, services
from .forms import DecisionForm


def _require_animator(request) -> None:
    if not access.animated_portals(request.user).exists():
        raise Http404


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_GET
def queue(request):
    _require_animator(request)
    context = selectors.moderation_queue(user=request.user)
    context.update(
        {
            "page_title": _("Modération"),
            "header_icon": "warning",
            "show_portal": len(context["portals"]) > 1,
        }
    )
    return TemplateResponse(request, "moderation/admin/queue.html", context)


@require_POST
def comment_decide(request, comment_id: str):
    comment = selectors.access_comment_for_moderation(request.user, comment_id)
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    if not form.is_valid() or decision not in ("publish", "refuse"):
        messages.error(request, _("Décision incomprise : réessayez."))
        return redirect("moderation_admin:queue")
    try:
        if decision == "publish":
            services.comment_publish(
                portal=comment.portal, actor=request.user, comment_id=comment.pk
            )
            messages.success(request, _("Le commentaire est en ligne."))
        else:
            services.comment_refuse(
                portal=comment.portal,
                actor=request.user,
                comment_id=comment.pk,
                reason=form.cleaned_data["note"],
            )
            messages.success(
                request,
                _("Le commentaire est refusé ; son auteur ou autrice est prévenu·e."),
            )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        _errors(request, error)
    return redirect("moderation_admin:queue")


@require_POST
def report_decide(request, report_id: str):
    report = selectors.access_report_for_moderation(request.user, report_id)
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    if not form.is_valid() or decision not in ("uphold", "dismiss"):
        messages.error(request, _("Décision incomprise : réessayez."))
        return redirect("moderation_admin:queue")
    try:
        if decision == "uphold":
            services.report_uphold(
                portal=report.portal,
                actor=request.user,
                report_id=report.pk,
                note=form.cleaned_data["note"],
            )
            messages.success(
                request,
                _("Le contenu est retiré ; son auteur ou autrice est prévenu·e."),
            )
        else:
            services.report_dismiss(
                portal=report.portal,
                actor=request.user,
                report_id=report.pk,
                note=form.cleaned_data["note"],
            )
            messages.success(
                request,
                _("Signalement classé : le contenu reste (ou revient) en ligne."),
            )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        _errors(request, error)
    return redirect("moderation_admin:queue")

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


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_GET
def queue(request):
    access.require_animates_any_portal(request.user)
    context = selectors.moderation_queue(user=request.user)
    context.update(
        {
            "page_title": _("Modération"),
            "header_icon": "warning",
            "show_portal": len(context["portals"]) > 1,
        }
    )
    return TemplateResponse(request, "moderation/admin/queue.html", context)


def _decide(request, actions: dict):
    """Run the decision posted from the queue: {name: (action(note), message)}."""
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    if not form.is_valid() or decision not in actions:
        messages.error(request, _("Décision incomprise : réessayez."))
        return redirect("moderation_admin:queue")
    action, message = actions[decision]
    try:
        action(form.cleaned_data["note"])
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, message)
    return redirect("moderation_admin:queue")


@require_POST
def comment_decide(request, comment_id: str):
    comment = selectors.access_comment_for_moderation(request.user, comment_id)
    decide = {"portal": comment.portal, "actor": request.user, "comment_id": comment.pk}
    return _decide(
        request,
        {
            "publish": (
                lambda note: services.comment_publish(**decide),
                _("Le commentaire est en ligne."),
            ),
            "refuse": (
                lambda note: services.comment_refuse(**decide, reason=note),
                _("Le commentaire est refusé ; son auteur ou autrice est prévenu·e."),
            ),
        },
    )


@require_POST
def report_decide(request, report_id: str):
    report = selectors.access_report_for_moderation(request.user, report_id)
    decide = {"portal": report.portal, "actor": request.user, "report_id": report.pk}
    return _decide(
        request,
        {
            "uphold": (
                lambda note: services.report_uphold(**decide, note=note),
                _("Le contenu est retiré ; son auteur ou autrice est prévenu·e."),
            ),
            "dismiss": (
                lambda note: services.report_dismiss(**decide, note=note),
                _("Signalement classé : le contenu reste (ou revient) en ligne."),
            ),
        },
    )

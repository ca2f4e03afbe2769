"""The animators' inbox in the Wagtail admin: thin views over the decisions.

Everything works without JavaScript: each item carries a small form; an act
that takes something away from a person (refusing, withdrawing) opens a
confirmation screen first, which is also where a missing message is asked
for again with what was typed kept.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartiers.portals import access

from . import decisions, inbox
from .forms import DecisionForm


def _inbox_url(kind_key: str = "", page: str = "") -> str:
    url = reverse("moderation_admin:queue")
    query = {key: value for key, value in (("type", kind_key), ("page", page)) if value}
    return f"{url}?{urlencode(query)}" if query else url


def _back(request) -> str:
    """Back to the list the decision was taken from (only our own lists)."""
    kind = inbox.kind_of(request.POST.get("type"))
    page = request.POST.get("page", "")
    return _inbox_url(kind.key if kind else "", page if page.isdigit() else "")


@require_GET
def queue(request):
    access.require_animates_any_portal(request.user)
    scope = inbox.scope_for(request.user)
    counts = inbox.inbox_counts(user=request.user)
    kind = inbox.kind_of(request.GET.get("type"))
    context = {
        "page_title": _("Modération"),
        "header_icon": "warning",
        "show_portal": scope.show_portal,
        "kinds": [
            {
                "kind": k,
                "count": counts.get(k.key, 0),
                "url": _inbox_url(k.key),
                "current": kind is not None and k.key == kind.key,
            }
            for k in inbox.KINDS
        ],
        "total": sum(counts.values()),
        "overview_url": _inbox_url(),
        "kind": kind,
        "choices": decisions.choices,
        "labels": decisions.LABELS,
        "destructive": decisions.DESTRUCTIVE,
    }
    if kind is None:
        context["sections"] = inbox.inbox_overview(scope=scope, counts=counts)
    else:
        page = inbox.inbox_page(
            scope=scope, kind=kind, page_number=request.GET.get("page")
        )
        context["sections"] = [
            {"kind": kind, "items": page.object_list, "count": counts[kind.key]}
        ]
        context["page_obj"] = page
        context["page_title"] = f"{_('Modération')} : {kind.label}"
    for section in context["sections"]:
        section["decisions"] = [
            {
                "name": name,
                "label": decisions.LABELS[name],
                "destructive": name in decisions.DESTRUCTIVE,
            }
            for name in decisions.choices(section["kind"])
        ]
        section["takes_message"] = decisions.takes_message(section["kind"])
        section["message_required"] = decisions.message_required(section["kind"])
        section["more"] = kind is None and section["count"] > len(section["items"])
        section["url"] = _inbox_url(section["kind"].key)
    return TemplateResponse(request, "moderation/admin/queue.html", context)


def _confirm(request, item, decision: str, note: str, error: list | None = None):
    """The second screen: confirm an act, or give the message it needs."""
    context = {
        "page_title": decisions.LABELS[decision],
        "header_icon": "warning",
        "item": item,
        "decision": decision,
        "decision_label": decisions.LABELS[decision],
        "destructive": decision in decisions.DESTRUCTIVE,
        "takes_message": decisions.takes_message(item.kind),
        "message_required": decisions.message_required(item.kind),
        "note": note,
        "errors": error or [],
        "back": _back(request),
        "type": request.POST.get("type", ""),
        "page": request.POST.get("page", ""),
    }
    return TemplateResponse(request, "moderation/admin/decide.html", context)


@require_POST
def decide(request, kind: str, object_id: str):
    access.require_animates_any_portal(request.user)
    inbox_kind = inbox.kind_of(kind)
    if inbox_kind is None:
        raise Http404
    item = decisions.find(request.user, inbox_kind, object_id)
    decision = request.POST.get("decision", "")
    form = DecisionForm(request.POST)
    if decision not in decisions.choices(inbox_kind):
        messages.error(request, _("Décision incomprise : réessayez."))
        return redirect(_back(request))
    if not form.is_valid():
        return _confirm(
            request,
            item,
            decision,
            request.POST.get("note", ""),
            [str(m) for errors in form.errors.values() for m in errors],
        )
    note = form.cleaned_data["note"]
    if decision in decisions.DESTRUCTIVE and request.POST.get("confirm") != "1":
        return _confirm(request, item, decision, note)
    try:
        message = decisions.decide(
            actor=request.user, item=item, decision=decision, note=note
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        return _confirm(request, item, decision, note, list(error.messages))
    messages.success(request, message)
    return redirect(_back(request))

"""The animators' screens in the Wagtail admin: the week's letter (reorder,
cut, add a word, send now or let it go alone), its printed edition, and the
registrations of events. Thin views over the same services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartiers.agenda.models import Event
from quartiers.portals import access

from . import selectors, services, views
from .forms import EventOptionsForm, LetterEditForm
from .models import Letter


def _page(request, template, context):
    return TemplateResponse(
        request,
        template,
        {"header_icon": "mail", "page_title": _("La lettre du quartier"), **context},
    )


@require_GET
def index(request):
    access.require_animates_any_portal(request.user)
    portals = list(access.animated_portals(request.user).order_by("name"))
    letters = list(
        Letter.objects.filter(portal__in=portals)
        .select_related("portal")
        .order_by("-created_at")[:40]
    )
    events = list(
        Event.objects.filter(
            portal__in=portals, status=Event.PUBLISHED, finishes_at__gte=timezone.now()
        )
        .select_related("portal")
        .order_by("start")[:50]
    )
    return _page(
        request,
        "lettre/admin/index.html",
        {"portals": portals, "letters": letters, "events": events},
    )


@require_POST
def compose(request, portal_id):
    portal = access.access_portal(request.user, portal_id)
    composed = services.letter_compose(
        portal=portal, week_start=services.week_of(timezone.localdate())
    )
    if composed is None:
        messages.warning(
            request, _("Rien de neuf cette semaine : pas de lettre à préparer.")
        )
        return redirect("lettre_admin:index")
    return redirect("lettre_admin:letter", composed.letter.pk)


@require_http_methods(["GET", "POST"])
def letter(request, letter_id):
    letter = access.access_animated(
        request.user, Letter.objects.select_related("portal"), letter_id
    )
    form = LetterEditForm(request.POST or None, initial={"intro": letter.intro})
    if request.method == "POST" and form.is_valid():
        count = len(letter.items)
        order, keep = [], set()
        for index in range(count):
            raw = request.POST.get(f"order_{index}", "")
            order.append(int(raw) if raw.strip().isdigit() else index + 1)
            if request.POST.get(f"keep_{index}"):
                keep.add(index)
        try:
            services.letter_edit(
                portal=letter.portal,
                actor=request.user,
                letter_id=letter.pk,
                intro=form.cleaned_data["intro"],
                order=order,
                keep=keep,
                send_now="send" in request.POST,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("La lettre part dans quelques minutes.")
                if "send" in request.POST
                else _("Lettre enregistrée."),
            )
        return redirect("lettre_admin:letter", letter.pk)
    return _page(
        request,
        "lettre/admin/letter.html",
        {
            "letter": letter,
            "form": form,
            "items": list(enumerate(letter.items)),
            "page_title": str(letter),
        },
    )


@require_GET
def letter_pdf(request, letter_id):
    letter = access.access_animated(
        request.user, Letter.objects.select_related("portal"), letter_id
    )
    response = views.pdf_response(letter, selectors.shown_items(letter))
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "inline", "attachment"
    )
    return response


@require_http_methods(["GET", "POST"])
def registrations(request, event_id):
    event = access.access_animated(
        request.user, Event.objects.select_related("portal"), event_id
    )
    options = selectors.event_options(event)
    if request.method == "POST":
        form = views.event_options_edit(request, event, event.portal)
        if form is None:
            messages.success(request, _("Inscriptions enregistrées."))
            return redirect("lettre_admin:registrations", event.pk)
    else:
        form = EventOptionsForm(
            initial={
                "capacity": options.capacity,
                "registrations_open": options.registrations_open,
            }
        )
    return _page(
        request,
        "lettre/admin/registrations.html",
        {
            "event": event,
            "form": form,
            "attendees": selectors.attendees(event),
            "page_title": event.title,
        },
    )


@require_GET
def registrations_csv(request, event_id):
    event = access.access_animated(
        request.user, Event.objects.select_related("portal"), event_id
    )
    return views.attendees_response(event)

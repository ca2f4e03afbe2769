"""Public side of the agenda: lists, month grid, event pages, calendars, proposals.

Every view gets the agenda section page (or the portal home for agenda.ics)
and reads through the selectors with ``request.portal``.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartiers.core import ratelimit
from quartiers.portals import access

from . import calendars, selectors, services
from .forms import EventProposalForm
from .models import MAX_YEAR, MIN_YEAR, Event


def _render(page, request, template, context, status=200):
    today = timezone.localdate()
    context = {
        **page.get_context(request),
        "month_url": f"{_agenda_root(request)}mois/{today:%Y}/{today:%m}/",
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def _agenda_root(request) -> str:
    return f"{request.portal_root}agenda/"


def home_block_context(portal, request) -> dict | None:
    if not portal.section_enabled("agenda"):
        return None
    occurrences = selectors.next_occurrences(portal, limit=4)
    if not occurrences:
        return None
    return {"days": selectors.group_by_day(occurrences)}


def upcoming(page, request):
    portal = request.portal
    categories = selectors.categories_of(portal)
    current = selectors.category_by_slug(categories, request.GET.get("categorie"))
    occurrences_page = selectors.upcoming_page(
        portal=portal, category=current, page_number=request.GET.get("page")
    )
    return _render(
        page,
        request,
        "agenda/agenda_index_page.html",
        {
            "categories": categories,
            "current_category": current,
            "occurrences_page": occurrences_page,
            "days": selectors.group_by_day(occurrences_page.object_list),
            "pagination_query": f"categorie={current.slug}&" if current else "",
            "ics_url": f"{request.portal_root}agenda.ics"
            + (f"?categorie={current.slug}" if current else ""),
        },
    )


def month(page, request, year, month):
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise Http404
    first = date(year, month, 1)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    root = _agenda_root(request)

    def url(day):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            return None
        return f"{root}mois/{day:%Y}/{day:%m}/"

    return _render(
        page,
        request,
        "agenda/month.html",
        {
            "month_start": first,
            "weeks": selectors.month_grid(
                portal=request.portal, year=year, month=month
            ),
            "previous_url": url(previous),
            "previous_month": previous,
            "next_url": url(following),
            "next_month": following,
            "today": timezone.localdate(),
        },
    )


def archives(page, request):
    return _render(
        page,
        request,
        "agenda/archives.html",
        {
            "events_page": selectors.archives_page(
                portal=request.portal, page_number=request.GET.get("page")
            )
        },
    )


def event_detail(page, request, slug):
    event = selectors.event_for_viewer(
        portal=request.portal, slug=slug, user=request.user
    )
    return _render(
        page,
        request,
        "agenda/event_page.html",
        {
            "event": event,
            "next_dates": selectors.next_dates(event) if event.repeats else [],
            "ics_url": f"{_agenda_root(request)}{event.slug}.ics",
        },
    )


def _ics_response(request, content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=calendars.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _url_for(request):
    root = request.build_absolute_uri(_agenda_root(request))
    portal = getattr(request, "portal", None)

    def url_for(event) -> str:
        if portal is not None and event.portal_id != portal.pk:
            # An event shared by another portal lives on its own portal.
            return request.build_absolute_uri(
                f"{event.portal.get_absolute_url()}agenda/{event.slug}/"
            )
        return f"{root}{event.slug}/"

    return url_for


def event_ics(page, request, slug):
    # A pending event is never offered as a file, even to its author.
    event = selectors.event_for_viewer(
        portal=request.portal, slug=slug, user=request.user
    )
    if event.status != Event.PUBLISHED:
        raise Http404
    content = calendars.calendar_of(
        [event], name=event.title, url_for=_url_for(request)
    )
    return _ics_response(request, content, calendars.filename_for(event.title))


def _unknown_filter(portal, category_slug, actor_slug) -> str:
    """The French message for a filter naming nothing of this portal ("")."""
    unknown = selectors.unknown_filter(
        portal, category_slug=category_slug, actor_slug=actor_slug
    )
    if unknown == "categorie":
        return _(
            "Cette catégorie n'existe pas dans l'agenda de ce quartier. "
            "Retrouvez les catégories sur la page de l'agenda."
        )
    if unknown == "acteur":
        return _(
            "Cet acteur n'existe pas dans l'annuaire de ce quartier. "
            "Retrouvez les acteurs sur la page de l'annuaire."
        )
    return ""


def _with_shared_events(portal, events: list) -> list:
    from datetime import timedelta

    from quartiers.network import selectors as network_selectors

    shared = (
        Event.objects.filter(
            pk__in=network_selectors.accepted_event_ids([portal.pk]),
            status=Event.PUBLISHED,
            finishes_at__gte=timezone.now() - timedelta(days=selectors.FEED_PAST_DAYS),
        )
        .exclude(pk__in=[event.pk for event in events])
        .select_related("portal", "category", "place_actor", "organiser_actor")
        .order_by("start", "pk")[: selectors.FEED_MAX_EVENTS]
    )
    return sorted([*events, *shared], key=lambda event: (event.start, event.pk))


def portal_ics(page, request):
    """/<p>/agenda.ics: the subscription (?categorie=<slug>, ?acteur=<slug>)."""
    portal = getattr(request, "portal", None)
    if portal is None or not portal.section_enabled("agenda"):
        raise Http404
    category_slug = request.GET.get("categorie") or None
    actor_slug = request.GET.get("acteur") or None
    unknown = _unknown_filter(portal, category_slug, actor_slug)
    if unknown:
        # A calendar app shows the status; a person opening the link reads this.
        return HttpResponse(
            unknown, status=404, content_type="text/plain; charset=utf-8"
        )
    events = selectors.feed_events(
        portal=portal, category_slug=category_slug, actor_slug=actor_slug
    )
    if not category_slug and not actor_slug:
        # What the agenda page shows: the events other portals shared and
        # this one accepted (categories and actors are each portal's own).
        events = _with_shared_events(portal, events)
    content = calendars.calendar_of(
        events,
        name=_("Agenda — %(name)s") % {"name": portal.name},
        url_for=_url_for(request),
    )
    return _ics_response(request, content, f"agenda-{portal.slug}.ics")


def _fields(data) -> services.EventFields:
    return services.EventFields(
        title=data["title"],
        start=data["start"],
        end=data["end"],
        all_day=bool(data.get("all_day")),
        description=data.get("description") or "",
        recurrence=data["recurrence"],
        recurrence_until=data.get("recurrence_until"),
        extra_dates=data.get("extra_date_list") or [],
        category_id=data.get("category"),
        place_actor_id=data.get("place_actor"),
        place_name=data.get("place_name") or "",
        place_address=data.get("place_address") or "",
        organiser_actor_id=data.get("organiser_actor"),
        is_free=bool(data.get("is_free")),
        price=data.get("price") or "",
        accessibility=data.get("accessibility") or "",
    )


def propose(page, request):
    portal = request.portal
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    member = access.role_in(request.user, portal) is not None or access.is_coordinator(
        request.user
    )
    options = {
        "categories": selectors.categories_of(portal),
        "place_actors": list(services.place_actors_for(portal)),
        "organiser_actors": list(services.organiser_actors_for(portal, request.user))
        if member
        else [],
    }
    status = 200
    if request.method == "POST" and member:
        form = EventProposalForm(request.POST, request.FILES, **options)
        if wait := ratelimit.wait_for("submission", request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            data = form.cleaned_data
            photo = (
                services.Photo(
                    data["photo"],
                    data["photo_alt"],
                    data.get("photo_consent") or "not_needed",
                )
                if data.get("photo")
                else None
            )
            try:
                event = services.event_propose(
                    portal=portal, actor=request.user, fields=_fields(data), photo=photo
                )
            except PermissionDenied as error:
                form.add_error(
                    None,
                    str(error) or _("Vous ne pouvez pas proposer d'événement ici."),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                ratelimit.record("submission", request)
                if event.status == Event.PUBLISHED:
                    messages.success(
                        request, _("Merci ! Votre événement est en ligne.")
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Merci ! L'équipe d'animation va relire votre événement avant de le publier."
                        ),
                    )
                return redirect(f"{_agenda_root(request)}{event.slug}/")
        status = 400
    else:
        form = EventProposalForm(**options)
    return _render(
        page,
        request,
        "agenda/propose_form.html",
        {"form": form, "membership": member},
        status=status,
    )


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)

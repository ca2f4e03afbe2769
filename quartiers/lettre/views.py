"""Residents' and visitors' screens: follow, notifications, preferences,
unsubscribe, "Je participe", the letters' archive and printed edition.

Views are thin: they parse, call one service or selector, and answer. The
portal's screens are routes of its pages (declared in apps.py); the
personal ones live under /compte/, which the page cache never stores.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from quartiers.core import ratelimit

from . import pdf, selectors, services, tokens
from .forms import AttendanceForm, EventOptionsForm, FollowForm, PreferencesForm
from .models import Follow, Subscriber


def _render(request, template, context, status=200):
    return TemplateResponse(request, template, context, status=status)


def _bad_link(request, message: str = ""):
    return _render(
        request,
        "lettre/bad_link.html",
        {"message": message or _("Ce lien n'est pas valide ou a expiré.")},
        status=400,
    )


# --- Follow (a route of the portal home: /<p>/suivre/) ----------------------


def follow(page, request):
    portal = request.portal
    target = request.GET.get("cible", "")[:20]
    key = request.GET.get("cle", "")[:40]
    choices = selectors.follow_choices(portal, target, key)
    needs_email = not request.user.is_authenticated
    initial = [choices[0][0]]
    if request.method == "POST":
        form = FollowForm(request.POST, choices=choices, needs_email=needs_email)
        extra = []
        email = request.POST.get("email", "").strip().lower()
        if email:
            extra.append(f"email:{email[:254]}")
        if wait := ratelimit.wait_for("follow", request, *extra):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            targets = [selectors.parse_choice(v) for v in form.cleaned_data["targets"]]
            try:
                follows = services.follows_add(
                    portal=portal,
                    actor=request.user,
                    email=form.cleaned_data.get("email", ""),
                    targets=targets,
                )
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                ratelimit.record("follow", request, *extra)
                return _render(
                    request,
                    "lettre/follow_done.html",
                    {"page": page, "follows": follows, "needs_email": needs_email},
                )
    else:
        form = FollowForm(
            initial={"targets": initial}, choices=choices, needs_email=needs_email
        )
    return _render(request, "lettre/follow.html", {"page": page, "form": form})


# --- Confirmation, preferences, unsubscribe (under /compte/suivi/) ----------


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    if request.method == "POST":
        follows = services.follows_confirm(token=token)
        if follows is None:
            return _bad_link(request)
        return _render(request, "lettre/confirmed.html", {"follows": follows})
    if tokens.read(tokens.CONFIRM, token, max_age=tokens.CONFIRM_MAX_AGE) is None:
        return _bad_link(request)
    return _render(request, "lettre/confirm.html", {})


def _preferences(request, subscriber: Subscriber, token: str = ""):
    form = PreferencesForm(initial={"frequency": subscriber.frequency})
    saved = False
    if request.method == "POST":
        if "remove" in request.POST:
            value = request.POST.get("remove", "")
            if value.isdigit():
                services.follow_remove(subscriber=subscriber, follow_id=int(value))
            saved = True
        else:
            form = PreferencesForm(request.POST)
            if form.is_valid():
                services.preferences_set(
                    subscriber=subscriber, frequency=form.cleaned_data["frequency"]
                )
                saved = True
    return _render(
        request,
        "lettre/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "follows": selectors.follows_of(subscriber),
            "saved": saved,
            "token": token,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    return _preferences(request, services.subscriber_for_user(request.user))


@never_cache
@require_http_methods(["GET", "POST"])
def preferences_token(request, token):
    found = services.subscriber_from_token(tokens.PREFERENCES, token)
    if found is None:
        return _bad_link(request)
    return _preferences(request, found[0], token)


@csrf_exempt  # RFC 8058: mail apps POST here without a form of ours
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (mail scanners open links); POST, from our button or from a
    mail app's one-click, unsubscribes. The signed token is the proof: it
    names one subscriber and cannot be changed to name another."""
    if request.method == "POST":
        result = services.unsubscribe(token=token)
        if result is None:
            return _bad_link(request)
        subscriber, portal = result
        return _render(
            request,
            "lettre/unsubscribed.html",
            {"portal": portal, "letter_only": portal is not None, "done": True},
        )
    found = services.subscriber_from_token(tokens.UNSUBSCRIBE, token)
    if found is None:
        return _bad_link(request)
    return _render(request, "lettre/unsubscribe.html", {})


# --- Mes notifications ------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    subscriber = services.subscriber_for_user(request.user)
    if request.method == "POST":
        services.notifications_mark_read(subscriber=subscriber)
        return redirect("lettre:notifications")
    return _render(
        request,
        "lettre/notifications.html",
        {
            "notifications": selectors.notifications_of(subscriber),
            "unread": selectors.unread_count(subscriber),
            "subscriber": subscriber,
        },
    )


# --- "Je participe" (a route of the agenda: /<p>/agenda/<slug>/participer/) --


def _event(request, slug):
    event = selectors.public_event(request.portal, slug)
    if event is None or not selectors.follow_label(
        request.portal, Follow.EVENT, str(event.pk)
    ):
        raise Http404
    return event


def attend(page, request, slug):
    portal = request.portal
    event = _event(request, slug)
    anonymous = not request.user.is_authenticated
    options = selectors.event_options(event)
    context = {"page": page, "event": event, "options": options}
    if request.method == "POST":
        form = AttendanceForm(request.POST, anonymous=anonymous)
        if wait := ratelimit.wait_for("rsvp", request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            try:
                attendance = services.attendance_register(
                    portal=portal,
                    event=event,
                    actor=request.user,
                    email=form.cleaned_data.get("email", ""),
                    name=form.cleaned_data.get("name", ""),
                )
            except services.RegistrationClosed as error:
                form.add_error(None, str(error))
            else:
                ratelimit.record("rsvp", request)
                return _render(
                    request,
                    "lettre/attend_done.html",
                    {**context, "attendance": attendance},
                )
    else:
        form = AttendanceForm(anonymous=anonymous)
    context.update(
        form=form,
        taken=selectors.confirmed_count(event),
        can_see=services.can_see_attendees(request.user, portal, event),
    )
    return _render(request, "lettre/attend.html", context)


def attendees_csv(page, request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = selectors.event_of_portal(request.portal, slug)
    if event is None:
        raise Http404
    if not services.can_see_attendees(request.user, request.portal, event):
        raise Http404
    return attendees_response(event)


def attendees_response(event) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="participants-{event.slug}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # spreadsheet programs then read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Nom"), _("Email"), _("État"), _("Inscrit·e le")])
    for attendance in selectors.attendees(event):
        writer.writerow(
            [
                _safe_cell(attendance.name),
                _safe_cell(attendance.email),
                attendance.get_status_display(),
                attendance.created_at.strftime("%d/%m/%Y %H:%M"),
            ]
        )
    return response


def _safe_cell(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


@never_cache
@require_http_methods(["GET", "POST"])
def attendance_cancel(request, token):
    if request.method == "POST":
        attendance = services.attendance_cancel(token=token)
        if attendance is None:
            return _bad_link(request)
        return _render(
            request, "lettre/attendance_cancelled.html", {"attendance": attendance}
        )
    if tokens.read(tokens.ATTENDANCE, token) is None:
        return _bad_link(request)
    return _render(request, "lettre/attendance_cancel.html", {})


def event_options_edit(request, event, portal):
    """Shared by the admin screen: capacity and opening of registrations."""
    form = EventOptionsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_options_set(
                portal=portal,
                actor=request.user,
                event=event,
                capacity=form.cleaned_data["capacity"],
                registrations_open=form.cleaned_data["registrations_open"],
            )
        except PermissionDenied:
            raise Http404 from None
        return None
    return form


# --- The letters' archive (routes of the portal home: /<p>/lettre/) ---------


def letters(page, request):
    return _render(
        request,
        "lettre/archive.html",
        {"page": page, "letters": list(selectors.letters_of(request.portal)[:100])},
    )


def letter_detail(page, request, number):
    letter = selectors.public_letter(request.portal, number)
    items = selectors.shown_items(letter)
    return _render(
        request,
        "lettre/letter.html",
        {
            "page": page,
            "letter": letter,
            "news": [i for i in items if i.get("group") == "news"],
            "agenda": [i for i in items if i.get("group") == "agenda"],
        },
    )


def letter_pdf(page, request, number):
    letter = selectors.public_letter(request.portal, number)
    return pdf_response(letter, selectors.shown_items(letter))


def pdf_response(letter, items) -> HttpResponse:
    content = pdf.render(letter, items)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="lettre-{letter.portal.slug}-{letter.number}.pdf"'
    )
    return response

"""Admin screens of the radio: send a new episode, replace an episode's sound.

Shows and episodes are looked up among the animator's portals only: another
portal's answers 404 like a missing one.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartiers.portals import access

from . import services
from .models import EpisodePage, ShowPage

MAX_ID = 2**63 - 1  # larger ids exist in no database (SQLite refuses them)


def _shows_for(user):
    return (
        ShowPage.objects.filter(portal__in=access.animated_portals(user))
        .select_related("portal")
        .order_by("portal__name", "title")
    )


@require_http_methods(["GET", "POST"])
def episode_upload(request):
    from .forms import EpisodeUploadForm

    shows = _shows_for(request.user)
    several_portals = access.animated_portals(request.user).count() > 1
    initial = {}
    chosen = request.GET.get("emission", "")
    if chosen.isdigit() and int(chosen) <= MAX_ID:
        initial["show"] = (
            shows.filter(pk=int(chosen)).values_list("pk", flat=True).first()
        )
    form = EpisodeUploadForm(
        request.POST or None, request.FILES or None, shows=shows, initial=initial
    )
    if several_portals:
        form.fields["show"].label_from_instance = lambda show: (
            f"{show.title} — {show.portal.name}"
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        show = data["show"]
        try:
            episode = services.episode_create(
                portal=show.portal,
                actor=request.user,
                show_id=show.pk,
                title=data["title"],
                audio=data["audio"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error(
                None, str(error) or _("Vous ne pouvez pas ajouter d'épisode ici.")
            )
        else:
            messages.success(
                request,
                _(
                    "Le son est envoyé. Sa préparation prend un moment : complétez "
                    "la description en attendant, puis publiez l'épisode quand son "
                    "état indique « prêt »."
                ),
            )
            return redirect("wagtailadmin_pages:edit", episode.pk)
    return render(
        request,
        "radio/admin/upload.html",
        {
            "page_title": _("Ajouter un épisode"),
            "header_icon": "media",
            "form": form,
            "has_shows": shows.exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def episode_sound(request, page_id: int):
    from .forms import EpisodeSoundForm

    if page_id > MAX_ID:
        raise Http404
    episode = (
        EpisodePage.objects.filter(
            pk=page_id, portal__in=access.animated_portals(request.user)
        )
        .select_related("portal")
        .first()
    )
    if episode is None:
        raise Http404
    form = EpisodeSoundForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_set_sound(
                portal=episode.portal,
                actor=request.user,
                episode_id=episode.pk,
                audio=form.cleaned_data["audio"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Le nouveau son est envoyé ; il sera prêt dans un moment."),
            )
            return redirect("wagtailadmin_pages:edit", episode.pk)
    return render(
        request,
        "radio/admin/sound.html",
        {
            "page_title": _("Changer le son de « %(title)s »")
            % {"title": episode.title},
            "header_icon": "media",
            "form": form,
            "episode": episode,
        },
    )

"""Admin screens of the TV: send a new video.

The portal comes from the address and goes through the access functions, so
an animator of another portal gets the same 404 as for a missing one.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartiers.portals import access

from . import services


def video_upload_choose(request):
    """Which neighbourhood the video is for (straight on when there is one)."""
    portals = list(access.animated_portals(request.user).order_by("name"))
    if len(portals) == 1:
        return redirect("tv_video_upload", portal_id=portals[0].pk)
    return render(
        request,
        "tv/admin/choose_portal.html",
        {
            "page_title": _("Ajouter une vidéo"),
            "header_icon": "media",
            "portals": portals,
        },
    )


@require_http_methods(["GET", "POST"])
def video_upload(request, portal_id: int):
    # Imported here: the upload fields come from the shared media pipeline.
    from .forms import VideoUploadForm

    portal = access.access_portal_for_animation(request.user, portal_id)
    form = VideoUploadForm(request.POST or None, request.FILES or None, portal=portal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            page = services.video_upload(
                portal=portal,
                actor=request.user,
                details=services.VideoDetails(
                    title=data["title"],
                    programme_id=data["programme"].pk if data["programme"] else None,
                    captions_language=data["captions_language"],
                ),
                video_file=data["video"],
                captions_file=data.get("captions"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "La vidéo est envoyée. Sa préparation prend quelques minutes : "
                    "complétez sa description en attendant, puis publiez-la "
                    "quand son état indique « prêt »."
                ),
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return render(
        request,
        "tv/admin/upload.html",
        {
            "page_title": _("Ajouter une vidéo — %(portal)s") % {"portal": portal.name},
            "header_icon": "media",
            "form": form,
            "portal": portal,
        },
    )

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartiers.portals import access

from . import services
from .forms import RefuseForm
from .models import Submission


@require_http_methods(["GET", "POST"])
def submission_refuse(request, submission_id: int):
    submission = (
        Submission.objects.select_related("portal", "author")
        .filter(pk=submission_id, portal__in=access.animated_portals(request.user))
        .first()
    )
    if submission is None:
        raise Http404
    form = RefuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_refuse(
                portal=submission.portal,
                actor=request.user,
                submission_id=submission.pk,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("La proposition est refusée ; son auteur ou autrice est prévenu·e."),
            )
            return redirect(
                "wagtailadmin_explore",
                submission.page.get_parent().pk if submission.page else 1,
            )
    return render(
        request,
        "newsroom/admin/refuse.html",
        {
            "page_title": _("Refuser « %(title)s »") % {"title": submission.title},
            "header_icon": "cross",
            "form": form,
            "submission": submission,
        },
    )

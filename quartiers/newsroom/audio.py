"""The sound attached to a resident's proposal: private until published.

The file is not under a public address (its folder is not served by the web
server); this view answers its author and the animators of its portal, and
everyone once the article is online. Any other case is a 404, exactly like
a missing proposal.
"""

from django.http import Http404
from django.views.decorators.http import require_http_methods

from quartiers.portals import access
from quartiers.uploads.serving import guess_type, serve_file

from .models import Submission


def _is_public(submission: Submission) -> bool:
    """The article is online: anyone may listen, players on other sites too."""
    return submission.status == Submission.PUBLISHED and (
        submission.page is not None and submission.page.live
    )


def _may_listen(user, submission: Submission) -> bool:
    if _is_public(submission):
        return True
    if not user.is_authenticated:
        return False
    if submission.author_id == user.pk:
        return True
    return access.can_animate(user, submission.portal)


@require_http_methods(["GET", "HEAD"])
def submission_audio(request, submission_id: int):
    try:
        submission = Submission.objects.select_related("portal", "page").get(
            pk=submission_id
        )
    except (Submission.DoesNotExist, OverflowError, ValueError):
        raise Http404 from None
    if not submission.audio or not _may_listen(request.user, submission):
        raise Http404
    name = submission.audio.name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else "son"
    try:
        return serve_file(
            request,
            submission.audio.storage,
            name,
            public=_is_public(submission),
            content_type=guess_type(name),
            cache_control="private, no-store",
            download_name=f"proposition-{submission.pk}.{extension}",
        )
    except (FileNotFoundError, OSError):
        raise Http404 from None

"""Residents' side of the journal: propose an article, follow it."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from quartiers.core import ratelimit
from quartiers.portals import access

from . import selectors, services
from .forms import SubmissionForm
from .models import Submission

# Other apps may offer a starting point for a new proposal (the network
# toolkit's article templates, ?modele=<id>): starter(request) returns initial
# values for the form, or {} when it has nothing to offer.
_submission_starters: dict = {}


def register_submission_starter(name: str, starter) -> None:
    _submission_starters[name] = starter


def home_block_context(portal, request) -> dict | None:
    articles = selectors.home_articles(portal)
    if not (articles["featured"] or articles["latest"]):
        return None
    return articles


def _render(page, request, template, context, status=200):
    context = {**page.get_context(request), **context}
    return TemplateResponse(request, template, context, status=status)


def _is_member(request) -> bool:
    return access.role_in(request.user, request.portal) is not None


def _handle_form(page, request, submission=None):
    portal = request.portal
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    rubriques = selectors.rubriques_of(portal)
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, rubriques=rubriques)
        if wait := ratelimit.wait_for("submission", request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            data = form.cleaned_data
            consent = data.get("photo_consent") or "not_needed"
            try:
                saved = services.submission_save(
                    portal=portal,
                    actor=request.user,
                    submission_id=submission.pk if submission else None,
                    title=data["title"],
                    text=data["text"],
                    rubrique_id=data.get("rubrique"),
                    photos=[
                        services.Photo(f, data["photo_alt"], consent)
                        for f in data["photos"]
                    ],
                    audio=data.get("audio"),
                    submit="envoyer" in request.POST,
                )
            except PermissionDenied as error:
                form.add_error(
                    None, str(error) or _("Vous ne pouvez pas proposer d'article ici.")
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                ratelimit.record("submission", request)
                if saved.status == Submission.IN_REVIEW:
                    messages.success(
                        request,
                        _(
                            "Merci ! Votre article est envoyé à l'équipe d'animation. Vous recevrez un email à chaque étape."
                        ),
                    )
                    return redirect(page.section_url(request, "newsroom_mine"))
                messages.success(
                    request,
                    _("Brouillon enregistré. Vous pouvez y revenir quand vous voulez."),
                )
                return redirect(page.section_url(request, "newsroom_edit", saved.pk))
        status = 400
    else:
        initial = {}
        if submission is None:
            for starter in _submission_starters.values():
                initial.update(starter(request))
        else:
            initial = {
                "title": submission.title,
                "text": submission.text,
                "rubrique": submission.rubrique_id,
            }
        form = SubmissionForm(initial=initial, rubriques=rubriques)
        status = 200
    return _render(
        page,
        request,
        "newsroom/submission_form.html",
        {
            "form": form,
            "submission": submission,
            "membership": _is_member(request),
            "mine_url": page.section_url(request, "newsroom_mine"),
        },
        status=status,
    )


def submission_create(page, request):
    return _handle_form(page, request)


def submission_edit(page, request, submission_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    submission = selectors.submission_for_author(
        portal=request.portal, author=request.user, submission_id=submission_id
    )
    if not submission.editable:
        messages.info(
            request,
            _(
                "Cette proposition est en relecture ou déjà traitée : elle ne peut plus être modifiée."
            ),
        )
        return redirect(page.section_url(request, "newsroom_mine"))
    return _handle_form(page, request, submission)


def my_contributions(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    submissions = selectors.submissions_of(portal=request.portal, author=request.user)
    return _render(
        page,
        request,
        "newsroom/my_contributions.html",
        {
            "submissions": submissions,
            "submit_url": page.section_url(request, "newsroom_submit"),
            "edit_base": page.get_url(request) + "proposer/",
        },
    )

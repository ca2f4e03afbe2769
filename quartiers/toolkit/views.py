"""Residents' side of the toolkit: the public guides and templates, shown
under /<p>/participer/guides/, and the templates they may start from."""

from django.contrib import messages
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.portals import access

from . import conversion, selectors


def _render(page, request, template, context):
    return TemplateResponse(request, template, {**page.get_context(request), **context})


def participate_guides(page, request):
    """/<p>/participer/guides/: the network's public guides and the templates
    residents may start an article from."""
    return _render(
        page,
        request,
        "toolkit/participer_guides.html",
        {
            "guides": selectors.public_guides(),
            "templates": selectors.templates_for(everything=False),
            "guides_url": page.section_url(request, "toolkit_guides"),
            "submit_url": page.section_url(request, "newsroom_submit"),
        },
    )


def participate_guide(page, request, slug):
    """One public guide, read inside the resident's own portal."""
    guide = selectors.public_guide(slug)
    if guide is None:
        raise Http404
    return _render(
        page,
        request,
        "toolkit/participer_guide.html",
        {
            "guide": guide,
            "guides_url": page.section_url(request, "toolkit_guides"),
        },
    )


def submission_initial(request) -> dict:
    """Prefill a new proposal from ?modele=<id> (newsroom's proposal form).

    Only live templates marked for residents; an unknown, foreign or garbled
    id is quietly ignored and the form starts empty.
    """
    portal = getattr(request, "portal", None)
    if "modele" not in request.GET or portal is None:
        return {}
    if access.role_in(request.user, portal) is None:
        return {}  # the page asks them to join first; no form to fill yet
    template = selectors.template_for_residents(request.GET.get("modele"))
    if template is None:
        return {}
    initial = {"title": template.article_title, "text": conversion.plain_text(template)}
    if template.rubrique_slug:
        rubrique = newsroom_selectors.rubrique_by_slug(portal, template.rubrique_slug)
        if rubrique is not None:
            initial["rubrique"] = rubrique.pk
    messages.info(
        request,
        _(
            "Le modèle « %(title)s » est prêt : remplacez les passages entre "
            "crochets par vos mots, puis enregistrez."
        )
        % {"title": template.title},
    )
    return initial

"""Public screens of the directory, hung under the /acteurs/ section page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from quartiers.core import ratelimit
from quartiers.core.sanitize import text_to_html
from quartiers.portals import access

from . import extensions, selectors, services
from .forms import ActorForm


def _render(page, request, template, context, status=200):
    context = {**page.base_context(request), **context}
    return TemplateResponse(request, template, context, status=status)


def home_block_context(portal, request) -> dict | None:
    actors = selectors.home_actors(portal)
    if not actors:
        return None
    return {"actors": actors}


def articles_block_context(actor, request) -> dict | None:
    articles = selectors.articles_mentioning(actor, portal=request.portal)
    if not articles:
        return None
    return {"articles": articles}


def actor_map(page, request):
    actors = selectors.map_actors(request.portal)
    actors_root = page.get_url(request)
    return _render(
        page,
        request,
        "directory/actor_map.html",
        {
            "actors": actors,
            "markers": selectors.map_markers(actors, actors_root),
        },
    )


def actor_detail(page, request, slug):
    actor = selectors.actor_for_public(portal=request.portal, slug=slug)
    return _render(
        page,
        request,
        "directory/actor_page.html",
        {
            "actor": actor,
            "description_html": text_to_html(actor.description),
            "actor_blocks": extensions.rendered_blocks(actor, request),
            "can_edit": request.user.is_authenticated
            and actor.managers.filter(pk=request.user.pk).exists(),
        },
    )


def _logo(form):
    uploaded = form.cleaned_data.get("logo_file")
    if not uploaded:
        return None
    return services.Logo(uploaded, form.cleaned_data.get("logo_alt", ""))


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            # A hidden field (the point on the map) shows its error on top.
            visible = field in form.fields and not form[field].is_hidden
            form.add_error(field if visible else None, errors)
    else:
        form.add_error(None, error)


def _map_picker(request, actor=None) -> dict:
    """Where the place picker's map starts: the actor's point, the portal's
    centre, or France."""
    portal = request.portal
    if actor is not None and actor.latitude is not None:
        return {"lat": actor.latitude, "lon": actor.longitude, "zoom": 17}
    if portal.latitude is not None and portal.longitude is not None:
        return {"lat": portal.latitude, "lon": portal.longitude, "zoom": 15}
    # No centre known yet: all of France, to zoom in from.
    return {"lat": 46.6, "lon": 2.4, "zoom": 6}


def my_organisation(page, request):
    """A partner's desk: their organisation(s) on this portal, with its next
    events, the articles that talk about it, its widget and its edit form."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    portal_root = request.portal_root
    organisations = [
        {
            "actor": actor,
            "blocks": extensions.rendered_blocks(actor, request),
            "edit_url": page.section_url(request, "directory_actor_edit", actor.slug),
            "widget_url": f"{portal_root}widgets/?contenu=acteur&acteur={actor.slug}",
        }
        for actor in selectors.organisations_of(
            portal=request.portal, user=request.user
        )
    ]
    return _render(
        page,
        request,
        "directory/my_organisation.html",
        {
            "organisations": organisations,
            "propose_event_url": f"{portal_root}agenda/proposer/",
            "propose_article_url": f"{portal_root}participer/proposer/",
        },
    )


def actor_suggest(page, request):
    portal = request.portal
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    status = 200
    if request.method == "POST":
        form = ActorForm(request.POST, request.FILES)
        if wait := ratelimit.wait_for("submission", request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            try:
                services.actor_suggest(
                    portal=portal,
                    actor=request.user,
                    fields=form.service_fields(),
                    logo=_logo(form),
                )
            except PermissionDenied as error:
                form.add_error(
                    None,
                    str(error) or _("Vous ne pouvez pas suggérer d'acteur ici."),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                ratelimit.record("submission", request)
                messages.success(
                    request,
                    _(
                        "Merci ! L'équipe d'animation va vérifier votre suggestion "
                        "avant de l'ajouter à l'annuaire."
                    ),
                )
                return redirect(page.get_url(request))
        status = 400
    else:
        form = ActorForm()
    return _render(
        page,
        request,
        "directory/actor_form.html",
        {
            "form": form,
            "suggestion": True,
            "membership": access.role_in(request.user, portal) is not None,
            "map_start": _map_picker(request),
        },
        status=status,
    )


def actor_edit(page, request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    actor = selectors.actor_for_manager(
        portal=request.portal, user=request.user, slug=slug
    )
    status = 200
    if request.method == "POST":
        form = ActorForm(request.POST, request.FILES, instance=actor)
        if form.is_valid():
            try:
                saved = services.actor_update(
                    portal=request.portal,
                    actor=request.user,
                    actor_id=actor.pk,
                    fields=form.service_fields(),
                    logo=_logo(form),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("La fiche est à jour. Merci !"))
                if saved.published:
                    return redirect(page.section_url(request, "directory_actor", slug))
                return redirect(request.path)
        status = 400
    else:
        form = ActorForm(instance=actor)
    return _render(
        page,
        request,
        "directory/actor_form.html",
        {
            "form": form,
            "actor": actor,
            "suggestion": False,
            "membership": True,
            "map_start": _map_picker(request, actor),
        },
        status=status,
    )

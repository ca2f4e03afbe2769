"""The toolkit in the admin: animators read guides and templates there, start
an article from a template, and follow their portal's first steps.

Every portal is looked up through the access functions: another portal's id
answers 404 exactly like a missing one.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartiers.core.templatetags.french import of_place
from quartiers.portals import access

from . import selectors, services
from .access import reads_animator_pages


def _reader_only(request) -> None:
    if not reads_animator_pages(request.user):
        raise PermissionDenied


def _context(title: str, icon: str, **extra) -> dict:
    return {"page_title": title, "header_title": title, "header_icon": icon, **extra}


def toolkit_index(request):
    _reader_only(request)
    coordinator = access.is_coordinator(request.user)
    index = services.toolkit_index() if coordinator else None
    return render(
        request,
        "toolkit/admin/index.html",
        _context(
            _("Boîte à outils"),
            "folder-open-inverse",
            topics=selectors.guides_by_topic(everything=True),
            templates=selectors.templates_for(everything=True),
            documents=selectors.toolkit_documents(),
            portals=list(access.animated_portals(request.user).order_by("name")),
            index=index,
        ),
    )


def guide_detail(request, slug: str):
    _reader_only(request)
    guide = selectors.guide_for(user=request.user, slug=slug)
    if guide is None:
        raise Http404
    return render(
        request,
        "toolkit/admin/guide.html",
        _context(
            guide.title,
            "help",
            guide=guide,
            can_edit=guide.permissions_for_user(request.user).can_edit(),
        ),
    )


def template_detail(request, slug: str):
    _reader_only(request)
    template = selectors.template_for_readers(user=request.user, slug=slug)
    if template is None:
        raise Http404
    return render(
        request,
        "toolkit/admin/template.html",
        _context(
            template.title,
            "doc-empty-inverse",
            template=template,
            can_edit=template.permissions_for_user(request.user).can_edit(),
            **selectors.template_actions(template=template, user=request.user),
        ),
    )


@require_POST
def template_start(request, slug: str):
    """Create a draft article from the template in the chosen portal."""
    template = selectors.template_for_animators(slug)
    if template is None:
        raise Http404
    portal_id = request.POST.get("portal")
    if not portal_id:
        portals = list(access.animated_portals(request.user)[:2])
        if not portals:
            raise Http404
        if len(portals) > 1:
            messages.error(request, _("Choisissez le quartier où créer l'article."))
            return redirect("toolkit_admin:template", slug=template.slug)
        portal = portals[0]
    else:
        portal = access.access_portal_for_animation(request.user, portal_id)
    try:
        article = services.article_start_from_template(
            portal=portal, actor=request.user, template_id=template.pk
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("toolkit_admin:template", slug=template.slug)
    messages.success(
        request,
        _(
            "Le brouillon est créé dans le journal %(portal)s : remplacez les "
            "passages entre crochets, puis publiez quand il est prêt."
        )
        % {"portal": of_place(portal.name)},
    )
    return redirect("wagtailadmin_pages:edit", article.pk)


@require_http_methods(["GET", "POST"])
def checklist(request, portal_id: int):
    portal = access.access_portal_for_animation(request.user, portal_id)
    if request.method == "POST":
        services.checklist_update(
            portal=portal, actor=request.user, done_keys=request.POST.getlist("fait")
        )
        messages.success(request, _("La liste des premiers pas est à jour."))
        next_url = request.POST.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            next_url = reverse("toolkit_admin:checklist", args=[portal.pk])
        return redirect(next_url)
    items = selectors.checklist_for(portal)
    return render(
        request,
        "toolkit/admin/checklist.html",
        _context(
            _("Premiers pas — %(name)s") % {"name": portal.name},
            "tasks",
            portal=portal,
            items=items,
            done_count=sum(1 for item in items if item["done"]),
        ),
    )

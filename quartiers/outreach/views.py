"""The widget builder, the widget pages and the pages oEmbed frames show.

Widget and embed pages are made to live in other sites' <iframe>: they are
the only pages that may be framed, they are rendered without the request
(so no session, CSRF or language cookie can be set), carry no script but a
few lines that report their height, and weigh a few kilobytes.
"""

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from quartiers.core.headers import PagePolicy, page_policy_of
from quartiers.portals import visibility
from quartiers.portals.features import registry

from . import discovery, widgets
from .forms import WidgetBuilderForm
from .links import as_datetime, image_rendition, portal_url, public_url
from .oembed import OEMBED_KINDS

WIDGET_CACHE_SECONDS = 300
MAX_ID = 2**63 - 1
# The frame's own style in the code partners copy; the builder's preview shows
# that very code, so its policy allows this style by hash.
FRAME_STYLE = "border:0;max-width:100%"
FILTER_FIELDS = ("rubrique", "motcle", "categorie", "type", "acteur", "nombre", "jours")


def _framed(template: str, context: dict, *, status: int = 200) -> HttpResponse:
    """A page any site may frame; every other page refuses (see core.headers).

    Rendered without the request, it records what its policy must allow (its
    style hashes, a stream's origin) in its own PagePolicy.
    """
    policy = PagePolicy()
    content = render_to_string(template, {**context, "page_policy": policy})
    response = HttpResponse(
        content, status=status, content_type="text/html; charset=utf-8"
    )
    response.page_policy = policy
    response["Content-Security-Policy"] = "frame-ancestors *"
    response["Referrer-Policy"] = "no-referrer"
    # Text is in the visitor's language: shared caches keep one copy per language.
    patch_vary_headers(response, ["Accept-Language"])
    if status == 200:
        patch_cache_control(response, public=True, max_age=WIDGET_CACHE_SECONDS)
    else:
        patch_cache_control(response, no_cache=True)
    return response


def _error(portal, message: str) -> HttpResponse:
    return _framed(
        "outreach/widget_error.html",
        {"portal": portal, "message": message},
        status=400,
    )


def widget_title(portal, query: widgets.WidgetQuery, choices: widgets.Choices) -> str:
    kind = query.kind
    if query.actor is not None:
        return _("Événements : %(name)s") % {"name": query.actor.name}
    title = str(kind.title)
    detail = (
        choices.rubriques.get(query.rubrique)
        or choices.categories.get(query.category)
        or (str(choices.ad_kinds.get(query.ad_kind, "")) if query.ad_kind else "")
        or query.tag
    )
    return f"{title} : {detail}" if detail else title


def _more_link(request, portal, query: widgets.WidgetQuery) -> str:
    if query.actor is not None:
        return portal_url(request, portal, f"acteurs/{query.actor.slug}/")
    return portal_url(request, portal, query.kind.list_path)


@xframe_options_exempt
def widget(page, request, kind):
    """/<p>/widgets/<kind>/?…: one widget, ready to be framed."""
    portal = request.portal
    found = widgets.widget_kind(kind)
    if found is None or found not in widgets.available_kinds(portal):
        return _error(portal, _("Ce widget n'existe pas dans ce quartier."))
    choices = widgets.choices_for(portal, found)
    try:
        query = widgets.parse(portal, found, request.GET, choices)
    except widgets.WidgetError as error:
        return _error(portal, str(error))
    context = {
        "portal": portal,
        "query": query,
        "title": widget_title(portal, query, choices),
        "more_url": _more_link(request, portal, query),
        "portal_url": portal_url(request, portal),
    }
    if found.slug == "radio":
        from quartiers.radio.selectors import radio_now

        context["radio"] = radio = radio_now(portal)
        if not radio["stream"].on_air:
            # Off air, no dead player: what comes next on the schedule.
            context["radio_schedule"] = _coming_broadcasts(portal)
    else:
        context["items"] = [
            _card(request, item) for item in widgets.items(portal, query)
        ]
        if query.kind.single and context["items"]:
            _add_captions(context["items"][0])
    return _framed("outreach/widget.html", context)


RADIO_SCHEDULE_ITEMS = 5


def _coming_broadcasts(portal) -> list:
    """The next broadcasts of the portal's schedule, over the coming week."""
    from django.utils import timezone

    from quartiers.radio.selectors import week_schedule

    now = timezone.now()
    found = []
    for day in week_schedule(portal, timezone.localdate(now)):
        found += [o for o in day["occurrences"] if not o.cancelled and o.end > now]
    return found[:RADIO_SCHEDULE_ITEMS]


def _add_captions(card: dict) -> None:
    """A video card's captions, for the player's <track> (the kind gives them)."""
    extra = card["item"].extra or {}
    if extra.get("captions_url"):
        card["captions_url"] = extra["captions_url"]
        card["captions_language"] = extra.get("captions_language", "")
        card["captions_label"] = extra.get("captions_label", "")


def _card(request, item) -> dict:
    """What a widget card shows of an item: absolute addresses, no query."""
    rendition = (
        image_rendition(item.image) if item.kind in ("episode", "video") else None
    )
    poster = item.extra.get("poster") or (rendition.url if rendition else "")
    return {
        "item": item,
        "start": as_datetime(item.extra.get("start")),
        "url": public_url(request, item.url),
        "media_url": public_url(request, item.extra["media_url"])
        if item.extra.get("media_url")
        else "",
        "poster": public_url(request, poster) if poster else "",
    }


@xframe_options_exempt
def embed(page, request, kind, item_id):
    """/<p>/widgets/contenu/<kind>/<id>/: what an oEmbed frame shows."""
    portal = request.portal
    content_kind = registry.content_kind(kind) if kind in OEMBED_KINDS else None
    if (
        content_kind is None
        or item_id > MAX_ID
        or not portal.section_enabled(content_kind.section_key)
    ):
        raise Http404
    row = visibility.visible(portal, content_kind).filter(pk=item_id).first()
    if row is None:
        raise Http404
    item = content_kind.to_item(row)
    rendition = image_rendition(item.image)
    card = _card(request, item)
    _add_captions(card)
    context = {
        "portal": portal,
        "card": card,
        "image_url": public_url(request, rendition.url) if rendition else "",
        "rendition": rendition,
        "portal_url": portal_url(request, portal),
    }
    return _framed("outreach/embed.html", context)


def snippets(request, portal, query, title: str, size: str) -> dict:
    width, height, _label = widgets.SIZES.get(size, widgets.SIZES[widgets.DEFAULT_SIZE])
    src = (
        portal_url(request, portal, f"widgets/{query.kind.slug}/")
        + query.query_string()
    )
    frame = format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
        'style="{}" allow="fullscreen"><a href="{}">{}</a></iframe>',
        src,
        f"{title} — {portal.name}",
        width,
        height,
        FRAME_STYLE,
        _more_link(request, portal, query),
        f"{title} — {portal.name}",
    )
    page_policy_of(request).allow_style(FRAME_STYLE)
    script = format_html(
        '<script src="{}" async></script>',
        public_url(request, static("outreach/widget-resize.js")),
    )
    return {
        "src": src,
        "width": width,
        "height": height,
        "frame": str(frame),
        "script": str(script),
    }


def builder(page, request):
    """/<p>/widgets/: pick a widget, see it, copy the code (GET form)."""
    portal = request.portal
    kinds = widgets.available_kinds(portal)
    choices = widgets.choices_for(portal)
    bound = "contenu" in request.GET
    form = WidgetBuilderForm(
        request.GET if bound else None,
        kinds=kinds,
        choices=choices,
        initial={"contenu": kinds[0].slug if kinds else ""},
    )
    context = {
        "page": page,
        "form": form,
        "kinds": kinds,
        "contenu_choices": list(zip(form["contenu"], kinds, strict=False)),
        "filter_fields": [form[name] for name in FILTER_FIELDS if name in form.fields],
        "feeds": discovery.portal_feeds(portal, request.portal_root),
    }
    if bound and form.is_valid():
        kind = widgets.widget_kind(form.cleaned_data["contenu"])
        try:
            query = widgets.parse(portal, kind, form.widget_params(), choices)
        except widgets.WidgetError as error:
            form.add_error(
                error.field if error.field in form.fields else None, str(error)
            )
        else:
            title = widget_title(portal, query, choices)
            context["widget"] = {
                "title": title,
                **snippets(
                    request, portal, query, title, form.cleaned_data.get("taille") or ""
                ),
            }
    return TemplateResponse(request, "outreach/builder.html", context)

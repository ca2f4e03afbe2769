"""Public side of the radio: home, shows, episodes, feeds, testimonies.

Page views get their page (the radio section, a show, an episode) and read
through the selectors with ``request.portal``.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from quartiers.core import ratelimit
from quartiers.portals import access

from . import feeds, selectors, services, transcripts
from .forms import TestimonyForm

# --- Pages ----------------------------------------------------------------


def radio_home_context(page, request) -> dict:
    from quartiers.network import selectors as network_selectors

    portal = getattr(request, "portal", None)
    if portal is None:  # the editor's preview, under /admin/
        from quartiers.portals.selectors import portal_for_page

        portal = portal_for_page(page)
    home = selectors.radio_home(portal)
    return {
        **home,
        "shows": selectors.shows_of(portal),
        "latest_episodes": selectors.latest_episodes(portal, limit=6),
        "feed_url": request.build_absolute_uri(f"{page.get_url(request)}podcast.xml"),
        "shared_episodes": network_selectors.received_items(
            portal, request, limit=4, kind="episode"
        ),
    }


def show_context(show, request) -> dict:
    page_url = show.get_url(request) or ""
    saved = show.pk is not None  # the editor previews a show before saving it
    return {
        "episodes_page": selectors.show_episodes_page(show, request.GET.get("page"))
        if saved
        else None,
        "artwork": selectors.show_artwork(show),
        "slots": selectors.slots_of(show) if saved else [],
        "feed_url": request.build_absolute_uri(f"{page_url}podcast.xml"),
    }


def episode_context(episode, request) -> dict:
    show = selectors.show_of_episode(episode)
    page_url = episode.get_url(request) or ""
    show_url = (show.get_url(request) or "") if show is not None else ""
    return {
        "show": show,
        "show_url": show_url,
        "asset": episode.audio,
        "chapters": episode.chapter_list(),
        "transcript_paragraphs": transcripts.paragraphs(episode.transcript),
        "feed_url": request.build_absolute_uri(f"{show_url}podcast.xml")
        if show_url
        else "",
        "transcript_url": f"{page_url}transcription.vtt"
        if episode.transcript.strip()
        else "",
    }


def home_block_context(portal, request) -> dict | None:
    """The "À l'antenne" block of the portal home."""
    if not portal.section_enabled("radio"):
        return None
    now = selectors.radio_now(portal)
    latest = selectors.latest_episodes(portal, limit=1)
    if not (now["current"] or now["next"] or latest or now["stream"].on_air):
        return None
    return {**now, "latest": latest[0] if latest else None}


# --- Feeds and files for podcast apps ---------------------------------------


def _feed_response(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=feeds.CONTENT_TYPE)
    response["Cache-Control"] = f"public, max-age={feeds.CACHE_SECONDS}"
    return response


def portal_feed(page, request):
    """/<p>/radio/podcast.xml: every show of the portal."""
    portal = request.portal
    key = feeds.cache_key(portal.pk, "all", request)
    content = cache.get(key)
    if content is None:
        content = feeds.render(feeds.portal_channel(page, portal, request), request)
        cache.set(key, content, feeds.CACHE_SECONDS)
    return _feed_response(content)


def show_feed(show, request):
    """/<p>/radio/<show>/podcast.xml."""
    if not show.live:
        raise Http404
    key = feeds.cache_key(show.portal_id, f"show-{show.pk}", request)
    content = cache.get(key)
    if content is None:
        content = feeds.render(feeds.show_channel(show, request), request)
        cache.set(key, content, feeds.CACHE_SECONDS)
    return _feed_response(content)


def episode_chapters(episode, request):
    """Podcasting 2.0 JSON chapters of an episode."""
    chapters = episode.chapter_list()
    if not chapters:
        raise Http404
    body = {
        "version": "1.2.0",
        "chapters": [{"startTime": c["start"], "title": c["title"]} for c in chapters],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        content_type="application/json+chapters; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"  # podcast web apps read it
    return response


def episode_transcript(episode, request):
    """The transcript as WebVTT (podcast:transcript)."""
    if not episode.transcript.strip():
        raise Http404
    duration = episode.audio.duration if episode.audio_id and episode.audio else None
    response = HttpResponse(
        transcripts.to_webvtt(episode.transcript, duration),
        content_type="text/vtt; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"  # podcast web apps read it
    return response


# --- Audio testimonies --------------------------------------------------------


def _render(page, request, template, context, status=200):
    context = {**page.get_context(request), **context}
    return TemplateResponse(request, template, context, status=status)


def _rate_action() -> str:
    # Its own limit once the setting lists it; until then, the same as articles.
    limits = getattr(settings, "QUARTIERS_RATE_LIMITS", {})
    return "testimony" if "testimony" in limits else "submission"


def testimony(page, request):
    """/<p>/participer/temoignage/: record or send a sound, with consent."""
    portal = request.portal
    if not portal.section_enabled("radio"):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    member = access.role_in(request.user, portal) is not None
    if request.method == "POST" and member:
        form = TestimonyForm(request.POST, request.FILES)
        if wait := ratelimit.wait_for(_rate_action(), request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            data = form.cleaned_data
            try:
                episode = services.testimony_submit(
                    portal=portal,
                    actor=request.user,
                    title=data["title"],
                    description=data.get("description") or "",
                    audio=data["audio"],
                    consent=data["consent"],
                )
            except PermissionDenied as error:
                form.add_error(
                    None,
                    str(error) or _("Vous ne pouvez pas envoyer de témoignage ici."),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                ratelimit.record(_rate_action(), request)
                messages.success(
                    request,
                    _(
                        "Merci ! Votre témoignage est bien arrivé. L'équipe d'animation "
                        "va l'écouter avant de le diffuser."
                    ),
                )
                return redirect(
                    page.section_url(request, "radio_testimony_sent", episode.pk)
                )
        status = 400
    else:
        form = TestimonyForm()
        status = 200
    return _render(
        page,
        request,
        "radio/testimony_form.html",
        {"form": form, "membership": member},
        status=status,
    )


def testimony_sent(page, request, episode_id):
    portal = request.portal
    if not portal.section_enabled("radio"):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    episode = selectors.testimony_for_contributor(
        portal=portal, user=request.user, episode_id=episode_id
    )
    return _render(
        page,
        request,
        "radio/testimony_sent.html",
        {
            "episode": episode,
            "asset": episode.audio,
            "new_url": page.section_url(request, "radio_testimony"),
        },
    )

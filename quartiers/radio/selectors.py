"""Reads of the radio: scoped to a portal, constant in queries."""

from datetime import date, datetime, timedelta

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from wagtail.images import get_image_model

from quartiers.portals import visibility
from quartiers.portals.models import Portal
from quartiers.uploads.models import MediaAsset

from . import icecast, schedule
from .models import (
    EpisodePage,
    RadioIndexPage,
    RadioSettings,
    ScheduleException,
    ScheduleSlot,
    ShowPage,
)

SHOW_CARD_SPEC = "fill-200x200"
SHOW_PAGE_SPEC = "fill-600x600"
FEED_ARTWORK_SPEC = "fill-1400x1400"
EPISODES_PER_PAGE = 12
FEED_ITEMS = 300


def page_path(page) -> str:
    """A page's address on the network site ("/alpha/radio/x/"), no query.

    url_path starts with the hub's own slug, which the network site serves at "/".
    """
    parts = page.url_path.split("/", 2)
    return "/" + (parts[2] if len(parts) > 2 else "")


def radio_of(portal: Portal) -> RadioIndexPage | None:
    if not portal.home_page_id:
        return None
    return RadioIndexPage.objects.child_of(portal.home_page).first()


def radio_settings_of(portal: Portal) -> RadioSettings | None:
    return RadioSettings.objects.filter(portal=portal).first()


# The programme schedule ---------------------------------------------------


def _calendar(portal: Portal, first_day: date, days: int) -> list:
    """Every broadcast of the portal starting in [first_day, first_day + days)."""
    slots = list(
        ScheduleSlot.objects.filter(portal=portal, show__live=True).select_related(
            "show"
        )
    )
    if not slots:
        return []
    exceptions = {
        (e.slot_id, e.date): e
        for e in ScheduleException.objects.filter(
            portal=portal,
            date__gte=first_day,
            date__lt=first_day + timedelta(days=days),
        ).select_related("replacement_show")
    }
    for exception in exceptions.values():
        show = exception.replacement_show
        if show is not None and not show.live:
            exception.replacement_show = None
    return schedule.occurrences(slots, exceptions, first_day, days)


def _now_window(moment: datetime) -> tuple[date, int]:
    # From yesterday (a slot may run past midnight) to a week and a day later.
    return timezone.localdate(moment) - timedelta(days=1), 9


def on_air(portal: Portal, now: datetime | None = None) -> tuple:
    """(the broadcast on air now or None, the next one or None)."""
    moment = now or timezone.now()
    first, days = _now_window(moment)
    return schedule.now_and_next(_calendar(portal, first, days), moment)


def week_start_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_days(found: list, week_start: date) -> list[dict]:
    days = []
    for offset in range(7):
        day = week_start + timedelta(days=offset)
        days.append(
            {
                "date": day,
                "occurrences": [o for o in found if timezone.localdate(o.start) == day],
            }
        )
    return days


def week_schedule(portal: Portal, week_start: date) -> list[dict]:
    """The seven days from ``week_start``, each with its broadcasts in order."""
    return _week_days(_calendar(portal, week_start, 7), week_start)


def radio_now(portal: Portal, now: datetime | None = None) -> dict:
    """What is on air: schedule now/next, and the live stream's state.

    Shared by the radio home, the portal home block and the widgets.
    """
    current, following = on_air(portal, now)
    return {
        "current": current,
        "next": following,
        **live_stream(portal),
    }


def live_stream(portal: Portal) -> dict:
    settings = radio_settings_of(portal)
    if settings is None or not settings.stream_url:
        return {"stream_url": "", "stream": icecast.OFF_AIR}
    return {
        "stream_url": settings.stream_url,
        "stream": icecast.stream_status(
            settings.stream_url, settings.effective_status_url
        ),
    }


def radio_home(portal: Portal, now: datetime | None = None) -> dict:
    """Everything the radio home shows, in a fixed number of queries."""
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    week_start = week_start_of(today)
    first = min(week_start, today - timedelta(days=1))
    last = max(week_start + timedelta(days=7), today + timedelta(days=8))
    found = _calendar(portal, first, (last - first).days)
    current, following = schedule.now_and_next(found, moment)
    return {
        "current": current,
        "next": following,
        "week": _week_days(found, week_start),
        "today": today,
        **live_stream(portal),
    }


# Shows and episodes -------------------------------------------------------


def _renditions(spec: str) -> QuerySet:
    return get_image_model().get_rendition_model().objects.filter(filter_spec=spec)


def live_episodes(portal: Portal | None) -> QuerySet[EpisodePage]:
    """Published episodes whose sound is ready, newest first (the show and
    every page above it live: the one visibility rule)."""
    queryset = visibility.ancestors_live(
        EpisodePage.objects.live().public().filter(audio__status=MediaAsset.READY)
    )
    if portal is not None:
        queryset = queryset.filter(portal=portal)
    return queryset.select_related("audio", "show").order_by(
        "-first_published_at", "-pk"
    )


def shows_of(portal: Portal) -> list[ShowPage]:
    """The portal's published shows, with their card image and episode count."""
    return list(
        ShowPage.objects.live()
        .public()
        .filter(portal=portal)
        .select_related("artwork")
        .prefetch_related(
            Prefetch("artwork__renditions", queryset=_renditions(SHOW_CARD_SPEC))
        )
        .annotate(
            episode_count=Count(
                "episodes",
                filter=Q(episodes__live=True, episodes__audio__status=MediaAsset.READY),
            )
        )
        .order_by("path")
    )


def latest_episodes(portal: Portal, *, limit: int = 6) -> list[EpisodePage]:
    return list(live_episodes(portal)[:limit])


def show_episodes_page(show: ShowPage, page_number) -> PaginatorPage:
    queryset = (
        EpisodePage.objects.live()
        .public()
        .child_of(show)
        .select_related("audio")
        .order_by("-first_published_at", "-pk")
    )
    return Paginator(queryset, EPISODES_PER_PAGE).get_page(page_number)


def show_of_episode(episode: EpisodePage) -> ShowPage | None:
    """The show an episode belongs to, also for the editor's preview of an
    episode not saved yet (its show is then the parent it is created under)."""
    show = episode.show
    if show is None and episode.path and episode.depth:
        show = ShowPage.objects.filter(path=episode.path[: -episode.steplen]).first()
    return show


def slots_of(show: ShowPage) -> list[ScheduleSlot]:
    return list(
        ScheduleSlot.objects.filter(show=show).order_by("weekday", "start_time")
    )


def show_artwork(show: ShowPage, spec: str = SHOW_PAGE_SPEC):
    """The show's image when it may be shown (rights checked), else None."""
    artwork = show.artwork
    if artwork is None or not artwork.publishable:
        return None
    return artwork


def feed_episodes(
    portal: Portal, show: ShowPage | None = None, *, limit: int = FEED_ITEMS
) -> list[EpisodePage]:
    queryset = live_episodes(portal).prefetch_related("chapters")
    if show is not None:
        queryset = queryset.filter(show=show)
    queryset = queryset.select_related("show__artwork").prefetch_related(
        Prefetch("show__artwork__renditions", queryset=_renditions(FEED_ARTWORK_SPEC))
    )
    return list(queryset[:limit])


def testimony_for_contributor(*, portal: Portal, user, episode_id) -> EpisodePage:
    """A testimony its author may look at (another person's: 404)."""
    try:
        return (
            EpisodePage.objects.filter(portal=portal, contributor=user)
            .select_related("audio")
            .get(pk=int(episode_id))
        )
    except (EpisodePage.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


# "Mes contributions" (accounts.contributions) ---------------------------------


def contributions_count(portal: Portal, user) -> int:
    return EpisodePage.objects.filter(portal=portal, contributor=user).count()


def contributions_of(portal: Portal, user, limit: int) -> list:
    """The person's audio testimonies on this portal, newest first."""
    from django.utils.translation import gettext as _

    from quartiers.accounts.contributions import Contribution, page_states

    root = portal.get_absolute_url()
    episodes = list(
        EpisodePage.objects.filter(portal=portal, contributor=user).order_by(
            "-latest_revision_created_at", "-pk"
        )[:limit]
    )
    states = page_states(episodes)
    return [
        Contribution(
            kind="testimony",
            kind_label=_("Témoignage"),
            title=episode.draft_title,
            state=states[episode.pk][0],
            updated_at=episode.latest_revision_created_at,
            message=states[episode.pk][1],
            url=(
                episode.url
                if episode.live
                else f"{root}participer/temoignage/envoye/{episode.pk}/"
            ),
        )
        for episode in episodes
    ]

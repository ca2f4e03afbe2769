"""Writes of the radio: episodes and their sound, testimonies, the schedule,
the live stream's settings. Permission first, in a transaction; pages change
through Wagtail's own actions (revisions, workflows)."""

from datetime import date, time
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from quartiers.core import notify
from quartiers.core.sanitize import text_to_richtext
from quartiers.portals import access, audit
from quartiers.portals.models import Portal
from quartiers.uploads.media_services import media_asset_create
from quartiers.uploads.models import MediaAsset

from . import icecast, selectors
from .models import (
    EpisodePage,
    RadioSettings,
    ScheduleException,
    ScheduleSlot,
    ShowPage,
)

TESTIMONIES_SLUG = "temoignages"
# Audit actions (the settings' one is registered with Wagtail in wagtail_hooks.py).
AUDIT_SETTINGS = "quartiers.radio.settings_save"
AUDIT_CREATE = "wagtail.create"


def unique_slug(parent: Page, title: str, *, fallback: str) -> str:
    base = slugify(title)[:70].strip("-") or fallback
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug = base
    number = 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _show_of_portal(portal: Portal, show_id) -> ShowPage:
    try:
        return ShowPage.objects.get(pk=int(show_id), portal=portal)
    except (ShowPage.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def _episode_of_portal(portal: Portal, episode_id) -> EpisodePage:
    try:
        return EpisodePage.objects.get(pk=int(episode_id), portal=portal)
    except (EpisodePage.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def _new_sound(*, portal: Portal, actor, audio, title: str) -> MediaAsset:
    return media_asset_create(
        portal=portal, actor=actor, upload=audio, kind=MediaAsset.AUDIO, title=title
    )


# Episodes ---------------------------------------------------------------------


@transaction.atomic
def episode_create(
    *, portal: Portal, actor, show_id: int, title: str, audio, description: str = ""
) -> EpisodePage:
    """A draft episode under a show, with its sound sent for preparation.

    The animator completes and publishes it in the page editor once the
    sound is ready.
    """
    access.require_animator(actor, portal)
    show = _show_of_portal(portal, show_id)
    title = title.strip()
    asset = _new_sound(portal=portal, actor=actor, audio=audio, title=title)
    episode = EpisodePage(
        title=title,
        slug=unique_slug(show, title, fallback="episode"),
        description=text_to_richtext(description) if description else "",
        audio=asset,
        owner=actor,
        live=False,
    )
    show.add_child(instance=episode)
    episode.save_revision(user=actor, log_action=True)
    return episode


@transaction.atomic
def episode_set_sound(*, portal: Portal, actor, episode_id: int, audio) -> EpisodePage:
    """Replace an episode's sound: a new draft revision points at the new file."""
    access.require_animator(actor, portal)
    episode = _episode_of_portal(portal, episode_id)
    asset = _new_sound(portal=portal, actor=actor, audio=audio, title=episode.title)
    latest = episode.get_latest_revision_as_object()
    latest.audio = asset
    if not episode.live:
        # A draft's row is what the editor shows as "current": keep it in step.
        EpisodePage.objects.filter(pk=episode.pk).update(audio=asset)
    latest.save_revision(user=actor, log_action=True)
    return latest


# Audio testimonies ----------------------------------------------------------------


def testimonies_show(portal: Portal) -> ShowPage:
    """The portal's "Témoignages" show, created (and published) the first time."""
    radio = selectors.radio_of(portal)
    if radio is None:
        raise PermissionDenied(_("La radio n'est pas ouverte dans ce quartier."))
    show = ShowPage.objects.child_of(radio).filter(slug=TESTIMONIES_SLUG).first()
    if show is not None:
        return show
    show = ShowPage(
        title=_("Témoignages"),
        slug=TESTIMONIES_SLUG,
        presentation="<p>"
        + _(
            "Les voix du quartier : des habitantes et des habitants racontent, "
            "enregistré avec leur téléphone."
        )
        + "</p>",
        hosts=_("Les habitants du quartier"),
        podcast_category="Society & Culture|Personal Journals",
    )
    radio.add_child(instance=show)
    # A container made by the platform itself: no review needed to open it.
    show.save_revision().publish(skip_permission_checks=True)
    return show


def _start_review(page: EpisodePage, actor) -> None:
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(
            _(
                "Ce quartier n'a pas de circuit de relecture : prévenez l'équipe "
                "d'animation."
            )
        )
    workflow.start(page, actor)


@transaction.atomic
def testimony_submit(
    *, portal: Portal, actor, title: str, audio, consent: bool, description: str = ""
) -> EpisodePage:
    """A resident's recording becomes a draft episode in the review queue."""
    access.require_member(
        actor, portal, _("Rejoignez d'abord ce quartier pour y envoyer un témoignage.")
    )
    if not consent:
        raise ValidationError(
            _(
                "Sans votre accord pour la diffusion, nous ne pouvons pas recevoir "
                "votre témoignage."
            )
        )
    show = testimonies_show(portal)
    title = title.strip()
    asset = _new_sound(portal=portal, actor=actor, audio=audio, title=title)
    episode = EpisodePage(
        title=title,
        slug=unique_slug(show, title, fallback="temoignage"),
        description=text_to_richtext(description) if description.strip() else "",
        audio=asset,
        owner=actor,
        contributor=actor,
        broadcast_consent_at=timezone.now(),
        live=False,
    )
    show.add_child(instance=episode)
    episode.save_revision(user=actor, log_action=True)
    _start_review(episode, actor)
    _tell_people(portal, episode, actor)
    return episode


def _tell_people(portal: Portal, episode: EpisodePage, author) -> None:
    notify.email_person(
        to=author.email,
        subject=_("Votre témoignage « %(title)s » est bien arrivé")
        % {"title": episode.title},
        template="radio/emails/to_author_received.txt",
        context={"episode": episode, "person": author, "portal": portal},
    )
    access.email_animators(
        portal,
        subject=_("Nouveau témoignage sonore : %(title)s") % {"title": episode.title},
        template="radio/emails/to_animator_testimony.txt",
        context={"episode": episode, "author": author},
    )


def testimony_tell_author(
    *, episode: EpisodePage, published: bool, message: str = ""
) -> None:
    """Email the resident: their testimony is on air, or the team's answer."""
    author = episode.contributor
    if author is None:
        return
    if published:
        subject = _("Votre témoignage « %(title)s » passe à la radio")
    else:
        subject = _("Votre témoignage « %(title)s » : un mot de l'équipe")
    notify.email_person(
        to=author.email,
        subject=subject % {"title": episode.title},
        template="radio/emails/to_author_decision.txt",
        context={
            "episode": episode,
            "person": author,
            "portal": episode.portal,
            "published": published,
            "message": message,
            "path": selectors.page_path(episode),
        },
    )


# The programme schedule ---------------------------------------------------------


@transaction.atomic
def schedule_slot_create(
    *,
    portal: Portal,
    actor,
    show_id: int,
    weekday: int,
    start_time: time,
    end_time: time,
    note: str = "",
) -> ScheduleSlot:
    """A weekly slot; refused (ValidationError) when it overlaps another."""
    if actor is not None:
        access.require_animator(actor, portal)
    slot = ScheduleSlot(
        portal=portal,
        show=_show_of_portal(portal, show_id),
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        note=note,
    )
    slot.full_clean()
    slot.save()
    audit.record(portal=portal, actor=actor, instance=slot, action=AUDIT_CREATE)
    return slot


@transaction.atomic
def schedule_exception_create(
    *,
    portal: Portal,
    actor,
    slot_id: int,
    day: date,
    kind: str = ScheduleException.CANCELLED,
    replacement_show_id: int | None = None,
    note: str = "",
) -> ScheduleException:
    if actor is not None:
        access.require_animator(actor, portal)
    try:
        slot = ScheduleSlot.objects.get(pk=slot_id, portal=portal)
    except ScheduleSlot.DoesNotExist:
        raise Http404 from None
    exception = ScheduleException(
        portal=portal,
        slot=slot,
        date=day,
        kind=kind,
        replacement_show=_show_of_portal(portal, replacement_show_id)
        if replacement_show_id
        else None,
        note=note,
    )
    exception.full_clean()
    exception.save()
    audit.record(portal=portal, actor=actor, instance=exception, action=AUDIT_CREATE)
    return exception


# The live stream ---------------------------------------------------------------


@transaction.atomic
def radio_settings_save(
    *, portal: Portal, actor, stream_url: str, status_url: str = ""
) -> RadioSettings:
    """The portal's live stream: where listeners tune in, where its state is read."""
    if actor is not None:
        access.require_animator(actor, portal)
    settings = RadioSettings.objects.filter(portal=portal).first() or RadioSettings(
        portal=portal
    )
    old_status_url = settings.effective_status_url if settings.pk else ""
    before = (settings.stream_url, settings.status_url)
    settings.stream_url = stream_url.strip()
    settings.status_url = status_url.strip()
    settings.full_clean()
    settings.save()
    changed = [
        name
        for name, old in zip(("stream_url", "status_url"), before, strict=True)
        if getattr(settings, name) != old
    ]
    audit.record(
        portal=portal,
        actor=actor,
        instance=settings,
        action=AUDIT_SETTINGS,
        fields=changed,
    )
    for url in {old_status_url, settings.effective_status_url} - {""}:
        transaction.on_commit(partial(icecast.forget, url))
    return settings

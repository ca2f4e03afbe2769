"""What happens elsewhere, turned into notifications.

The other apps' services are not touched: this module listens to model
saves and to Wagtail's publish signal, compares with the row as it was, and
tells the people concerned once the transaction is committed.
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils.translation import gettext as _
from wagtail.signals import page_published

from quartiers.portals.exposing import page_path, page_portal
from quartiers.portals.visibility import is_visible, kind_of

from . import services, tasks
from .models import Attendance, Follow, Notification, Subscriber

# Event fields whose change matters to the people who come.
EVENT_FACTS = (
    "title",
    "start",
    "end",
    "all_day",
    "place_name",
    "place_address",
    "place_actor_id",
)


# Where a person reads every decision on what they proposed, with the word.
CONTRIBUTIONS_URL = "/compte/contributions/"
TITLE_MAX = 300


def _with_word(title: str, word: str) -> str:
    """A decision's title, followed by the animators' word when there is one
    (cut to what a notification holds)."""
    word = " ".join((word or "").split())
    if not word:
        return title
    full = _("%(title)s — « %(word)s »") % {"title": title, "word": word}
    if len(full) <= TITLE_MAX:
        return full
    return full[: TITLE_MAX - 2].rstrip() + "…»"


def _old(sender, instance, fields):
    if instance.pk is None:
        return None
    return sender.objects.filter(pk=instance.pk).values(*fields).first()


def _event_people(event) -> list[int]:
    """Subscribers who come to this event or follow it."""
    emails = list(
        Attendance.objects.filter(event_id=event.pk)
        .exclude(status=Attendance.CANCELLED)
        .values_list("email", flat=True)
    )
    ids = [services.subscriber_for_email(email).pk for email in emails]
    ids += list(
        Follow.objects.filter(
            target=Follow.EVENT, key=str(event.pk), confirmed_at__isnull=False
        ).values_list("subscriber_id", flat=True)
    )
    return ids


def _event_url(event) -> str:
    return f"{event.portal.get_absolute_url()}agenda/{event.slug}/"


# --- Agenda events ---------------------------------------------------------


def event_pre_save(sender, instance, **kwargs):
    instance._lettre_old = _old(sender, instance, ("status", *EVENT_FACTS))


def event_post_save(sender, instance, created, **kwargs):
    old = getattr(instance, "_lettre_old", None)
    event = instance
    published = event.status == sender.PUBLISHED
    was_published = old is not None and old["status"] == sender.PUBLISHED
    if old is not None and old["status"] != event.status and event.created_by_id:
        if event.status in (sender.PUBLISHED, sender.REFUSED):
            title = (
                _("Votre événement « %(title)s » est publié")
                if published
                else _("Votre événement « %(title)s » n'a pas été retenu")
            ) % {"title": event.title}
            title = _with_word(title, event.moderation_note)
            user = event.created_by
            transaction.on_commit(
                lambda: services.notify_user(
                    user=user,
                    portal=event.portal,
                    kind=Notification.CONTRIBUTION,
                    title=title,
                    # Refused, the person reads the animators' word in full
                    # in their contributions.
                    url=_event_url(event) if published else CONTRIBUTIONS_URL,
                )
            )
    if was_published and not published:
        _tell_event_people(event, _("Annulé : « %(title)s »"), with_url=False)
    elif was_published and any(
        old[field] != getattr(event, field) for field in EVENT_FACTS
    ):
        _tell_event_people(event, _("Changement pour « %(title)s »"))
    if published and (created or (old is not None and not was_published)):
        targets = [[Follow.SECTION, "agenda"]]
        if event.organiser_actor_id:
            targets.append([Follow.ACTOR, str(event.organiser_actor_id)])
        if event.place_actor_id:
            targets.append([Follow.ACTOR, str(event.place_actor_id)])
        _fan_out(event.portal_id, event.title, _event_url(event), targets)


def _tell_event_people(event, template, with_url=True) -> None:
    ids = _event_people(event)
    if not ids:
        return
    title = template % {"title": event.title}
    url = _event_url(event) if with_url else ""
    portal = event.portal
    transaction.on_commit(
        lambda: services.notify(
            subscriber_ids=ids,
            portal=portal,
            kind=Notification.EVENT_CHANGE,
            title=title,
            url=url,
            urgent=True,
        )
    )


def event_pre_delete(sender, instance, **kwargs):
    if instance.status == sender.PUBLISHED:
        _tell_event_people(instance, _("Annulé : « %(title)s »"), with_url=False)


# --- New posts (pages) -----------------------------------------------------


def _fan_out(portal_id, title, url, targets) -> None:
    transaction.on_commit(
        lambda: tasks.fan_out_new_post.enqueue(
            portal_id=portal_id, title=title, url=url, targets=targets
        )
    )


def page_was_published(sender, instance, **kwargs):
    page = instance
    if page.first_published_at != page.last_published_at:
        return  # an edit, not a new post
    kind = kind_of(page)
    portal = page_portal(page)
    if kind is None or portal is None or not is_visible(page, portal):
        return
    targets = [[Follow.SECTION, kind.section_key]]
    show_id = getattr(page, "show_id", None)
    if show_id:
        targets.append([Follow.SHOW, str(show_id)])
    _fan_out(portal.pk, page.title, page_path(page), targets)


# --- Comments and submissions ----------------------------------------------


def comment_pre_save(sender, instance, **kwargs):
    instance._lettre_old = _old(sender, instance, ("status",))


def comment_post_save(sender, instance, created, **kwargs):
    comment = instance
    old = getattr(comment, "_lettre_old", None)
    now_public = comment.status == sender.PUBLISHED and (
        old is None or old["status"] != sender.PUBLISHED
    )
    if not now_public or comment.parent_id is None:
        return
    parent = (
        sender.objects.select_related("author").filter(pk=comment.parent_id).first()
    )
    if parent is None or parent.author is None or parent.author_id == comment.author_id:
        return
    page = comment.page
    title = _("%(name)s a répondu à votre commentaire sur « %(title)s »") % {
        "name": comment.display_name()
        if callable(getattr(comment, "display_name", None))
        else str(comment.author_name or _("Quelqu'un")),
        "title": page.title,
    }
    url = f"{page_path(page)}#commentaire-{comment.pk}"
    author, portal = parent.author, comment.portal
    transaction.on_commit(
        lambda: services.notify_user(
            user=author, portal=portal, kind=Notification.REPLY, title=title, url=url
        )
    )


SUBMISSION_STATES = {
    "changes_requested": _("L'équipe vous propose des changements sur « %(title)s »"),
    "published": _("Votre article « %(title)s » est publié"),
    "refused": _("Votre proposition « %(title)s » n'a pas été retenue"),
}


def submission_pre_save(sender, instance, **kwargs):
    instance._lettre_old = _old(sender, instance, ("status",))


def submission_post_save(sender, instance, created, **kwargs):
    old = getattr(instance, "_lettre_old", None)
    if old is None or old["status"] == instance.status or instance.author_id is None:
        return
    template = SUBMISSION_STATES.get(instance.status)
    if template is None:
        return
    title = str(template) % {"title": instance.title}
    url = (
        page_path(instance.page)
        if instance.page_id and instance.status == "published"
        else ""
    )
    author, portal = instance.author, instance.portal
    transaction.on_commit(
        lambda: services.notify_user(
            user=author,
            portal=portal,
            kind=Notification.CONTRIBUTION,
            title=title,
            url=url,
        )
    )


# --- Suggested local actors and refused blog posts ---------------------------


def actor_pre_save(sender, instance, **kwargs):
    instance._lettre_old = _old(sender, instance, ("status",))


def actor_post_save(sender, instance, created, **kwargs):
    """The person who suggested an actor hears the decision, with the word."""
    old = getattr(instance, "_lettre_old", None)
    actor = instance
    if (
        old is None
        or old["status"] == actor.status
        or actor.suggested_by_id is None
        or actor.status not in (sender.PUBLISHED, sender.REFUSED)
    ):
        return
    published = actor.status == sender.PUBLISHED
    title = (
        _("« %(name)s » est dans l'annuaire")
        if published
        else _("Votre suggestion « %(name)s » n'a pas été retenue")
    ) % {"name": actor.name}
    title = _with_word(title, actor.moderation_note)
    url = (
        f"{actor.portal.get_absolute_url()}acteurs/{actor.slug}/"
        if published
        else CONTRIBUTIONS_URL
    )
    user, portal = actor.suggested_by, actor.portal
    transaction.on_commit(
        lambda: services.notify_user(
            user=user,
            portal=portal,
            kind=Notification.CONTRIBUTION,
            title=title,
            url=url,
        )
    )


def blog_refusal_post_save(sender, instance, created, **kwargs):
    """The author of a refused blog post hears it, with the word."""
    if not created:
        return
    page = instance.page.specific
    blog = page if hasattr(page, "author_id") else page.get_parent().specific
    author = getattr(blog, "author", None)
    if author is None:
        return
    title = _with_word(
        _("Votre billet « %(title)s » n'est pas publié") % {"title": page.title},
        instance.message,
    )
    portal = instance.portal
    transaction.on_commit(
        lambda: services.notify_user(
            user=author,
            portal=portal,
            kind=Notification.CONTRIBUTION,
            title=title,
            url=CONTRIBUTIONS_URL,
        )
    )


# --- Classified ads ---------------------------------------------------------


def ad_pre_save(sender, instance, **kwargs):
    instance._lettre_old = _old(sender, instance, ("status", "published_at"))


def ad_post_save(sender, instance, created, **kwargs):
    """A new ad online reaches the followers of the classifieds section,
    once: when it is first published (not when it comes back after a
    report, nor at each edit)."""
    old = getattr(instance, "_lettre_old", None)
    ad = instance
    if ad.status != sender.PUBLISHED:
        return
    if old is not None and old["published_at"] is not None:
        return  # online before: back after a report, renewed or edited
    portal = ad.portal
    if not is_visible(ad, portal):
        return
    _fan_out(portal.pk, ad.title, ad.get_absolute_url(), [[Follow.SECTION, "annonces"]])


def connect() -> None:
    from django.apps import apps

    event = apps.get_model("agenda", "Event")
    pre_save.connect(event_pre_save, sender=event, dispatch_uid="lettre-event-pre")
    post_save.connect(event_post_save, sender=event, dispatch_uid="lettre-event-post")
    pre_delete.connect(event_pre_delete, sender=event, dispatch_uid="lettre-event-del")
    comment = apps.get_model("comments", "Comment")
    pre_save.connect(comment_pre_save, sender=comment, dispatch_uid="lettre-c-pre")
    post_save.connect(comment_post_save, sender=comment, dispatch_uid="lettre-c-post")
    submission = apps.get_model("newsroom", "Submission")
    pre_save.connect(
        submission_pre_save, sender=submission, dispatch_uid="lettre-s-pre"
    )
    post_save.connect(
        submission_post_save, sender=submission, dispatch_uid="lettre-s-post"
    )
    page_published.connect(page_was_published, dispatch_uid="lettre-page-published")
    actor = apps.get_model("directory", "LocalActor")
    pre_save.connect(actor_pre_save, sender=actor, dispatch_uid="lettre-actor-pre")
    post_save.connect(actor_post_save, sender=actor, dispatch_uid="lettre-actor-post")
    refusal = apps.get_model("blogs", "Refusal")
    post_save.connect(
        blog_refusal_post_save, sender=refusal, dispatch_uid="lettre-blog-refusal"
    )
    ad = apps.get_model("classifieds", "Ad")
    pre_save.connect(ad_pre_save, sender=ad, dispatch_uid="lettre-ad-pre")
    post_save.connect(ad_post_save, sender=ad, dispatch_uid="lettre-ad-post")


__all__ = ["connect", "Subscriber"]

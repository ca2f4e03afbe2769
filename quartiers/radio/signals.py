"""Cached podcast feeds are forgotten as soon as what they list changes; the
author of a testimony hears what became of it."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, task_rejected

from . import feeds
from .models import EpisodePage, ShowPage


@receiver(page_published, sender=EpisodePage)
@receiver(page_published, sender=ShowPage)
@receiver(page_unpublished, sender=EpisodePage)
@receiver(page_unpublished, sender=ShowPage)
@receiver(post_delete, sender=EpisodePage)
@receiver(post_delete, sender=ShowPage)
def forget_feeds(sender, instance, **kwargs):
    feeds.forget(instance.portal_id)


@receiver(page_published, sender=EpisodePage)
def testimony_broadcast(sender, instance, **kwargs):
    # Told once, on the first publication (later corrections stay quiet).
    if instance.contributor_id and (
        instance.first_published_at == instance.last_published_at
    ):
        from . import services

        services.testimony_tell_author(episode=instance, published=True)


@receiver(task_rejected)
def testimony_sent_back(sender, instance, user=None, **kwargs):
    try:
        page_id = int(instance.workflow_state.object_id)
    except (TypeError, ValueError, AttributeError):
        return
    episode = (
        EpisodePage.objects.filter(pk=page_id, contributor__isnull=False)
        .select_related("contributor", "portal")
        .first()
    )
    if episode is not None:
        from . import services

        services.testimony_tell_author(
            episode=episode, published=False, message=instance.comment or ""
        )

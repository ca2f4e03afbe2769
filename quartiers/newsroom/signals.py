"""Follow the review that animators do in Wagtail, for the residents' page."""

from django.dispatch import receiver
from wagtail.signals import (
    page_published,
    page_unpublished,
    task_rejected,
    workflow_submitted,
)

from .models import ArticlePage, Submission


def _page_id(instance) -> int | None:
    workflow_state = getattr(instance, "workflow_state", instance)
    try:
        return int(workflow_state.object_id)
    except (TypeError, ValueError, AttributeError):
        return None


@receiver(workflow_submitted)
def on_submitted(sender, instance, user=None, **kwargs):
    from . import services

    page_id = _page_id(instance)
    if page_id:
        services.submission_status_changed(page_id=page_id, status=Submission.IN_REVIEW)


@receiver(task_rejected)
def on_changes_requested(sender, instance, user=None, **kwargs):
    from . import services

    page_id = _page_id(instance)
    if page_id:
        services.submission_status_changed(
            page_id=page_id,
            status=Submission.CHANGES_REQUESTED,
            message=instance.comment or "",
        )


@receiver(page_published, sender=ArticlePage)
def on_published(sender, instance, **kwargs):
    from . import services

    services.submission_status_changed(page_id=instance.pk, status=Submission.PUBLISHED)


@receiver(page_unpublished, sender=ArticlePage)
def on_unpublished(sender, instance, **kwargs):
    from . import services

    services.submission_unpublished(page_id=instance.pk)

"""Hooks on the existing publish paths: a save of a federated item, a page
published or unpublished, a portal or an image changed.

Handlers only queue work after the transaction commits; the task decides,
through the one visibility rule, whether to send Create, Update or Delete.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished

from .objects import OBJECT_TYPES

_connected: dict[type, str] = {}


def _kind_key_of(instance) -> str | None:
    for model, key in _connected.items():
        if isinstance(instance, model):
            return key
    return None


def _queue_item(kind_key: str, object_id: int) -> None:
    from . import tasks

    transaction.on_commit(
        lambda: tasks.federate_item.enqueue(kind_key=kind_key, object_id=object_id)
    )


def _queue_sweep(**where: int) -> None:
    """Sweep the portal of a portal id, a page id or an image collection id
    (looked up in the task: a save pays no query for federation)."""
    from . import tasks

    transaction.on_commit(lambda: tasks.sweep_portal.enqueue(**where))


def item_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    key = _kind_key_of(instance)
    if key is not None and instance.pk:
        _queue_item(key, instance.pk)


def page_changed(sender, instance, **kwargs) -> None:
    specific = getattr(instance, "specific_deferred", instance)
    key = _kind_key_of(specific)
    if key is not None:
        _queue_item(key, instance.pk)


def page_withdrawn(sender, instance, **kwargs) -> None:
    """A page unpublished may hide everything below it: sweep its portal."""
    page_changed(sender, instance, **kwargs)
    _queue_sweep(page_id=instance.pk)


def portal_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.pk:
        _queue_sweep(portal_id=instance.pk)


def portal_deleted(sender, instance, **kwargs) -> None:
    """A portal deleted: its followers are told its Group is gone (the
    deliveries are queued in the same transaction as the deletion)."""
    from . import services

    services.portal_retire(portal=instance)


def image_saved(sender, instance, raw=False, **kwargs) -> None:
    """Consent withdrawn on a photo: items showing it may be hidden."""
    if not raw and getattr(instance, "collection_id", None):
        _queue_sweep(collection_id=instance.collection_id)


def connect() -> None:
    from quartiers.portals.features import registry

    for kind in registry.content_kinds():
        if kind.key not in OBJECT_TYPES:
            continue
        model = apps.get_model(kind.model)
        _connected[model] = kind.key
        post_save.connect(
            item_saved, sender=model, dispatch_uid=f"federation-{kind.key}"
        )
    page_published.connect(page_changed, dispatch_uid="federation-page-published")
    page_unpublished.connect(page_withdrawn, dispatch_uid="federation-page-unpublished")
    post_save.connect(
        portal_saved, sender="portals.Portal", dispatch_uid="federation-portal"
    )
    pre_delete.connect(
        portal_deleted, sender="portals.Portal", dispatch_uid="federation-portal-gone"
    )
    post_save.connect(
        image_saved, sender=get_image_model(), dispatch_uid="federation-image"
    )

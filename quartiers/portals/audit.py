"""One audit entry per act: who, what, when and why, in Wagtail's own log.

Every service that acts for someone (an animator's decision, a setting, the
radio schedule, a deletion) calls :func:`record` once, after its permission
check and its write, inside its transaction. The entry is Wagtail's own
(``PageLogEntry`` for a page, ``ModelLogEntry`` for anything else), so it
appears in the object's history and in the admin's site history next to the
edits Wagtail logs itself.

Its ``data`` carries the portal the act belongs to and the reason given.
The portal stamp is what scopes reading (:func:`readable_by`): an animator
reads their portals' entries, still after the object was deleted, and never
another portal's; the network's coordinators read everything.

Wagtail's own entries (a page published, edited, moved or deleted, a
snippet or an image saved through its generic views) are stamped the same way
when they are written (:func:`stamp_entry`, connected in ``apps.py``): the
portal is read from the object while it still exists, so its entries stay
readable by its animators, and by them only, after a deletion.

Actions are registered with Wagtail (``register_log_actions`` hook) by the app
that owns them, through :func:`register_actions`, so that each one has a
French label and a message that shows the reason.
"""

from typing import Any

from django.db.models import Model, Q, QuerySet
from wagtail.log_actions import LogFormatter, log
from wagtail.log_actions import registry as log_registry

from . import access
from .models import Portal

PORTAL_KEY = "portal"
REASON_KEY = "reason"
FIELDS_KEY = "fields"


class AuditFormatter(LogFormatter):
    """Wagtail's line for an audited act: the message, then the reason."""

    def format_message(self, log_entry) -> str:
        reason = reason_of(log_entry)
        if not reason:
            return str(self.message)
        return f"{self.message} — « {reason} »"

    def format_comment(self, log_entry) -> str:
        return reason_of(log_entry)


def register_actions(actions, labels: dict) -> None:
    """Declare audited actions to Wagtail: ``{action: (label, message)}``."""
    for action, (label, message) in labels.items():
        formatter = type(
            "AuditedAction", (AuditFormatter,), {"label": label, "message": message}
        )
        actions.register_action(action)(formatter)


def reason_of(log_entry) -> str:
    data = log_entry.data if isinstance(log_entry.data, dict) else {}
    return str(data.get(REASON_KEY) or "")


def record(
    *,
    portal: Portal,
    actor,
    instance: Model,
    action: str,
    reason: str = "",
    fields: list[str] | tuple[str, ...] = (),
    title: str = "",
    **data: Any,
):
    """Write the one audit entry of an act (call it once, inside the act's
    transaction, after the write; before it for a deletion).

    ``actor`` None is the platform itself (seeding, tasks). ``fields`` names
    what an edit changed. Unknown actions are refused: an entry nobody can
    read is no audit.
    """
    if not log_registry.action_exists(action):
        raise ValueError(f"Unregistered audit action: {action}")
    payload = {PORTAL_KEY: portal.pk, REASON_KEY: (reason or "").strip(), **data}
    if fields:
        payload[FIELDS_KEY] = sorted(fields)
    person = actor if getattr(actor, "is_authenticated", False) else None
    return log(
        instance=instance,
        action=action,
        user=person,
        data=payload,
        title=title or None,
    )


def _portal_of_page(page_id) -> int | None:
    from wagtail.models import Page

    from .selectors import PORTAL_HOME_PATH_LENGTH

    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if not path or len(path) < PORTAL_HOME_PATH_LENGTH:
        return None
    return (
        Portal.objects.filter(home_page__path=path[:PORTAL_HOME_PATH_LENGTH])
        .values_list("pk", flat=True)
        .first()
    )


def _portal_of_collection(collection_id) -> int | None:
    from wagtail.models import Collection

    path = (
        Collection.objects.filter(pk=collection_id)
        .values_list("path", flat=True)
        .first()
    )
    if not path:
        return None
    for pk, home in Portal.objects.filter(collection__isnull=False).values_list(
        "pk", "collection__path"
    ):
        if home and path.startswith(home):
            return pk
    return None


def portal_of_object(model, pk) -> int | None:
    """The portal an object belongs to, read from the database (None for the
    network's own objects): a page by its tree, a portal itself, an object by
    its ``portal`` field, an image or a document by its collection."""
    from wagtail.models import Collection, Page

    if model is None or pk in (None, ""):
        return None
    if issubclass(model, Page):
        return _portal_of_page(pk)
    if issubclass(model, Portal):
        return int(pk) if str(pk).isdigit() else None
    if issubclass(model, Collection):
        return _portal_of_collection(pk)
    names = {field.name for field in model._meta.concrete_fields}
    rows = model._default_manager.filter(pk=pk)
    try:
        if "portal" in names:
            return rows.values_list("portal_id", flat=True).first()
        if "collection" in names:
            return _portal_of_collection(
                rows.values_list("collection_id", flat=True).first()
            )
    except (ValueError, TypeError):  # an object id of another type
        return None
    return None


def stamp_entry(sender, instance, raw=False, **kwargs) -> None:
    """``pre_save`` of every log entry: add the portal of its object when the
    writer did not (Wagtail's own entries). Entries already stamped by
    :func:`record`, and those of the network's own objects, are left as is."""
    if raw or instance.pk is not None:
        return
    data = instance.data if isinstance(instance.data, dict) else {}
    if PORTAL_KEY in data:
        return
    from wagtail.models import PageLogEntry

    if isinstance(instance, PageLogEntry):
        portal_id = _portal_of_page(instance.page_id)
    else:
        content_type = instance.content_type
        model = content_type.model_class() if content_type else None
        portal_id = portal_of_object(model, instance.object_id)
    if portal_id is not None:
        instance.data = {**data, PORTAL_KEY: portal_id}


def _stamp_any(sender, instance, **kwargs) -> None:
    from wagtail.models import BaseLogEntry

    if isinstance(instance, BaseLogEntry):
        stamp_entry(sender, instance, **kwargs)


def connect_stamps() -> None:
    """Stamp every kind of log entry, Wagtail's and any app's own (the log
    entry models are only known once the admin hooks are read, so the
    receiver listens to every save and keeps log entries)."""
    from django.db.models.signals import pre_save

    pre_save.connect(_stamp_any, dispatch_uid="audit-stamp-log-entries")


def portal_of_entry(log_entry) -> int | None:
    data = log_entry.data if isinstance(log_entry.data, dict) else {}
    value = data.get(PORTAL_KEY)
    return value if isinstance(value, int) else None


def stamped() -> Q:
    """Entries that name their portal (all but the network's own objects'
    and those written before stamping existed)."""
    return Q(data__has_key=PORTAL_KEY)


def stamped_for(user) -> Q:
    """Entries stamped with one of the portals this person animates."""
    mine = list(access.animated_portals(user).values_list("pk", flat=True))
    return Q(**{f"data__{PORTAL_KEY}__in": mine}) if mine else Q(pk__in=[])


def readable_by(queryset: QuerySet, user) -> QuerySet:
    """Audited entries this person may read: coordinators all of them,
    animators those of their portals, anybody else none.

    Entries not written by :func:`record` (Wagtail's own) are left to the
    admin's confinement rules (portals.admin_confinement), which place them
    by their object.
    """
    if access.is_coordinator(user):
        return queryset
    return queryset.filter(stamped() & stamped_for(user))


def entries_of(portal: Portal, *, model=None) -> QuerySet:
    """Every audited act of one portal, newest first (ModelLogEntry by default;
    pass ``PageLogEntry`` for pages)."""
    if model is None:
        from wagtail.models import ModelLogEntry

        model = ModelLogEntry
    return model.objects.filter(**{f"data__{PORTAL_KEY}": portal.pk}).order_by(
        "-timestamp", "-pk"
    )

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


def portal_of_entry(log_entry) -> int | None:
    data = log_entry.data if isinstance(log_entry.data, dict) else {}
    value = data.get(PORTAL_KEY)
    return value if isinstance(value, int) else None


def stamped() -> Q:
    """Entries written by :func:`record` (they name their portal)."""
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

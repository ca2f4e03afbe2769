"""What a resident has contributed to a portal, kind by kind.

Accounts sit below the content apps, so they cannot read articles, ads or
comments themselves: each content app declares a ``ContributionSource`` in
its ``AppConfig.ready()`` and "Mes contributions" only reads this registry.
Every source is scoped to one portal and one person, and costs a fixed
number of queries whatever the number of items.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

# One vocabulary of states for every kind, so the resident reads the same
# words everywhere.
DRAFT = "draft"
PENDING = "pending"
CHANGES = "changes"
PUBLISHED = "published"
REFUSED = "refused"
HIDDEN = "hidden"
EXPIRED = "expired"
DONE = "done"
REMOVED = "removed"
STATE_LABELS = {
    DRAFT: _("brouillon"),
    PENDING: _("en attente"),
    CHANGES: _("à revoir"),
    PUBLISHED: _("publié"),
    REFUSED: _("refusé"),
    HIDDEN: _("masqué"),
    EXPIRED: _("expiré"),
    DONE: _("terminé"),
    REMOVED: _("retiré"),
}


@dataclass(frozen=True)
class Contribution:
    """One thing a person contributed, as their own list shows it."""

    kind: str  # the source key
    kind_label: Any  # "Petite annonce"
    title: str
    state: str  # one of STATE_LABELS
    updated_at: datetime | None
    message: str = ""  # the animators' word, when there is one
    url: str = ""  # where to see it
    edit_url: str = ""  # where to change it, when it can still be changed

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.state, self.state))


@dataclass(frozen=True)
class ContributionSource:
    """One kind of contribution (articles, ads...) of one content app.

    ``count(portal, user)`` says how many there are; ``items(portal, user,
    limit)`` returns the newest ``limit`` of them as Contributions, newest
    first. Both are scoped to the portal and the person.
    """

    key: str
    label: Any  # "Petites annonces" (gettext_lazy)
    count: Callable[[Any, Any], int]
    items: Callable[[Any, Any, int], list[Contribution]]
    order: int = 100


_sources: dict[str, ContributionSource] = {}


def register_source(source: ContributionSource) -> None:
    _sources[source.key] = source


def sources() -> list[ContributionSource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


def source(key: str) -> ContributionSource | None:
    return _sources.get(key)


def page_states(pages: list) -> dict[int, tuple[str, str]]:
    """(state, the animators' message) of each Wagtail page, in one query.

    A page in review is "pending"; sent back by an animator, "changes" with
    the comment they left; otherwise live pages are "published" and the rest
    "draft".
    """
    from wagtail.models import WorkflowState

    found: dict[int, tuple[str, str]] = {}
    if not pages:
        return found
    open_states = WorkflowState.objects.filter(
        base_content_type_id=pages[0].get_base_content_type().pk,
        object_id__in=[str(page.pk) for page in pages],
        status__in=[
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_NEEDS_CHANGES,
        ],
    ).values_list("object_id", "status", "current_task_state__comment")
    for object_id, status, comment in open_states:
        if status == WorkflowState.STATUS_NEEDS_CHANGES:
            found[int(object_id)] = (CHANGES, comment or "")
        else:
            found[int(object_id)] = (PENDING, "")
    for page in pages:
        found.setdefault(page.pk, (PUBLISHED if page.live else DRAFT, ""))
    return found

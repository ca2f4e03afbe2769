"""Reads of the network: the hub, and shared pieces as each portal shows them.

Every list joins on the live original (a live, public page; a published
event not over yet) and on an active share, so a piece that its portal
unpublishes, deletes or withdraws disappears everywhere at once. Lists cost
a constant number of queries, whatever the number of shares or portals.

The package's modules depend one way: ``live`` (the live condition and the
ids other apps' lists join on) <- ``cards`` (what a card shows) <- ``hub``
and ``admin``; ``access`` stands alone. Callers import from here.
"""

from .access import (
    proposal_for_user,
    proposal_in_portal,
    share_for_user,
    share_of_portal,
)
from .admin import (
    ADMIN_PAGE_SIZE,
    TARGET_SEARCH_LIMIT,
    active_share_of,
    network_page,
    pending_count,
    proposed_portal_ids,
    received_page,
    sent_page,
    share_group_choices,
    share_target_choices,
    share_targets,
)
from .cards import SUMMARY_FIELDS, SharedItem, portal_root, received_items
from .hub import HUB_EVENTS_POOL, hub_events, hub_highlights, hub_map_markers
from .live import (
    accepted_event_ids,
    accepted_page_ids,
    live_condition,
    origin_name_of_page,
    share_item_is_live,
)

__all__ = [
    "ADMIN_PAGE_SIZE",
    "HUB_EVENTS_POOL",
    "SUMMARY_FIELDS",
    "SharedItem",
    "accepted_event_ids",
    "accepted_page_ids",
    "active_share_of",
    "hub_events",
    "hub_highlights",
    "hub_map_markers",
    "live_condition",
    "network_page",
    "origin_name_of_page",
    "pending_count",
    "portal_root",
    "proposal_for_user",
    "proposal_in_portal",
    "proposed_portal_ids",
    "received_items",
    "received_page",
    "sent_page",
    "share_for_user",
    "share_item_is_live",
    "share_of_portal",
    "share_group_choices",
    "share_target_choices",
    "share_targets",
    "TARGET_SEARCH_LIMIT",
]

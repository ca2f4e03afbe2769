"""Whether a background worker is still alive, for the foundation apps.

The workers and their heartbeats belong to quartiers/ops, which the
foundation may not import (docs/architecture.md). When it starts, ops
registers here the function that reads the heartbeats; code below it (a
media conversion taking over an asset, say) asks through this module. A
worker without a heartbeat (a plain worker command, rows pruned after a
week) or an install without ops is "unknown": callers then fall back on
their own, slower rules.
"""

from collections.abc import Callable, Iterable

ALIVE = "alive"
LOST = "lost"  # stopped beating, or stopped
UNKNOWN = "unknown"

_reader: Callable[[set[str]], dict[str, str]] | None = None


def register_liveness(reader: Callable[[set[str]], dict[str, str]] | None) -> None:
    """``reader`` takes worker ids and answers ALIVE or LOST for those it
    knows (quartiers.ops.workers.worker_states)."""
    global _reader
    _reader = reader


def worker_states(worker_ids: Iterable[str]) -> dict[str, str]:
    ids = {worker_id for worker_id in worker_ids if worker_id}
    if not ids:
        return {}
    known = _reader(ids) if _reader is not None else {}
    return {worker_id: known.get(worker_id, UNKNOWN) for worker_id in ids}


def worker_state(worker_id: str) -> str:
    return worker_states([worker_id]).get(worker_id, UNKNOWN)

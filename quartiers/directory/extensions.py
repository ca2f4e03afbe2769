"""Blocks that other apps add to an actor's page (next events, articles...).

The same idea as the portal feature registry, for one screen: the agenda
declares "Prochains événements", the journal "Articles qui en parlent", and
the directory knows neither. Apps register from their ``AppConfig.ready()``:

    from quartiers.directory.extensions import register_actor_block
    register_actor_block(
        "agenda", "agenda/includes/actor_events.html", actor_events, order=10
    )

``context(actor, request)`` returns the template's ``data``, or None to hide
the block; it must cost a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActorBlock:
    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


_blocks: dict[str, ActorBlock] = {}


def register_actor_block(
    key: str,
    template: str,
    context: Callable[[Any, Any], dict | None],
    order: int = 100,
) -> None:
    _blocks[key] = ActorBlock(key=key, template=template, context=context, order=order)


def actor_blocks() -> list[ActorBlock]:
    return sorted(_blocks.values(), key=lambda block: (block.order, block.key))


def rendered_blocks(actor, request) -> list[dict]:
    """The blocks to show on this actor's page, as {template, context}."""
    blocks = []
    for block in actor_blocks():
        data = block.context(actor, request)
        if data is not None:
            blocks.append({"template": block.template, "context": data})
    return blocks

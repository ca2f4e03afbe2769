"""The TV's block on the portal home."""

from . import selectors

HOME_BLOCK_SIZE = 4


def home_block_context(portal, request) -> dict | None:
    videos = selectors.latest_videos(portal, HOME_BLOCK_SIZE)
    if not videos:
        return None
    return {"videos": videos}

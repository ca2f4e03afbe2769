"""What one page under the browser harness is: see test_accessibility.py."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageCase:
    id: str  # also the screenshot's file name
    path: str
    user: str | None = None  # demo account to log in as (password demo-quartiers)
    status: int = 200  # expected HTTP status of the page itself
    reflow: bool = False  # also check that it does not scroll sideways at 320 px

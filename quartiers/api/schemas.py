"""What the public API answers: one generic item shape for every content kind,
plus the portal and the event occurrence."""

from datetime import datetime
from typing import Any

from ninja import Schema


class PortalOut(Schema):
    slug: str
    name: str
    town: str
    presentation: str
    url: str
    feed_url: str
    sections: list[str]


class ItemOut(Schema):
    kind: str
    id: int
    portal: str
    title: str
    url: str
    summary: str
    body_html: str
    image_url: str | None
    published_at: datetime | None
    updated_at: datetime | None
    author: str
    category: str
    tags: list[str]
    extra: dict[str, Any]


class ItemPage(Schema):
    results: list[ItemOut]
    page: int
    limit: int
    next: str | None
    previous: str | None


class PortalPage(Schema):
    results: list[PortalOut]
    page: int
    limit: int
    next: str | None
    previous: str | None


class ShowOut(Schema):
    id: int
    portal: str
    title: str
    url: str
    presentation_html: str
    hosts: str
    image_url: str | None
    language: str
    explicit: bool
    podcast_url: str
    episodes_url: str


class ShowPage(Schema):
    results: list[ShowOut]
    page: int
    limit: int
    next: str | None
    previous: str | None


class OccurrenceOut(Schema):
    event_id: int
    portal: str
    title: str
    url: str
    start: datetime
    end: datetime | None
    category: str
    place: str


class OccurrencePage(Schema):
    results: list[OccurrenceOut]
    page: int
    limit: int
    next: str | None
    previous: str | None


class ErrorOut(Schema):
    detail: str

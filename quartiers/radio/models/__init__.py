"""The radio's models: pages (shows, episodes), the schedule, the live stream."""

from .pages import (
    ARTWORK_MIN_SIZE,
    EpisodeChapter,
    EpisodePage,
    NotReadyToPublish,
    RadioIndexPage,
    ShowPage,
    artwork_problem,
    not_ready_message,
    timecode_seconds,
)
from .schedule import WEEKDAYS, ScheduleException, ScheduleSlot
from .stream import RadioSettings, default_status_url

__all__ = [
    "ARTWORK_MIN_SIZE",
    "WEEKDAYS",
    "EpisodeChapter",
    "EpisodePage",
    "NotReadyToPublish",
    "RadioIndexPage",
    "RadioSettings",
    "ScheduleException",
    "ScheduleSlot",
    "ShowPage",
    "artwork_problem",
    "default_status_url",
    "not_ready_message",
    "timecode_seconds",
]

"""Who is counted, and how a visitor is told apart without being known.

A page view is counted when a person (not a robot, not the portal's own team)
reads a public page of a portal with a successful GET, unless their browser
asks not to be followed (``DNT: 1`` or ``Sec-GPC: 1``): then nothing at all
is counted, not even the page view.

A *visit* is one visitor on one portal on one day. The visitor is recognised
by a hash of their IP address, their browser's user agent, the portal and a
random salt drawn each day. The salt and the hashes live in the cache until
the end of the day and never reach the database; once the day's salt is
gone, nobody (not even us) can recompute a hash from an IP address. The
database only ever receives counters (``models``).

With several web processes, the cache must be shared (Redis) for a visitor
to be counted once per day rather than once per process.

Reading writes nothing: a page view is only added to a buffer in the web
process's memory (no query, no lock, so pages served from the page cache are
counted at no cost). A thread of that process writes the buffer to the
database every ``QUARTIERS_AUDIENCE_FLUSH_SECONDS`` (10 s) in one transaction
of upserts, and once more when the process stops; a database that refuses
keeps the counts for the next round (up to ``MAX_BUFFERED`` addresses). Each
web process flushes its own buffer, so the counts add up whatever the number
of processes, with no cron and no Redis needed.
"""

import atexit
import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import PATH_MAX

logger = logging.getLogger(__name__)

# Robots, link previews, feed readers, monitoring and scripted clients. An
# empty user agent is a script too (browsers always send one).
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|scrap|fetch|curl|wget|python|httpx|"
    r"aiohttp|go-http|java/|okhttp|libwww|perl|ruby|php/|headless|phantom|"
    r"selenium|puppeteer|playwright|lighthouse|pagespeed|pingdom|uptime|"
    r"monitor|check|preview|facebookexternalhit|whatsapp|telegram|discord|"
    r"slack|embedly|feed|rss|validator|mastodon|pleroma|akkoma|misskey|"
    r"activitypub|nodeinfo",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def refuses_tracking(request) -> bool:
    """Do Not Track or Global Privacy Control: the visitor said no."""
    return (
        request.headers.get("DNT", "").strip() == "1"
        or request.headers.get("Sec-GPC", "").strip() == "1"
    )


def is_reading_a_page(request) -> bool:
    """A page a person opens, not a prefetch, an iframe (a partner's widget)
    or a script's fetch: browsers say so in Sec-Fetch-Dest and Sec-Purpose."""
    destination = request.headers.get("Sec-Fetch-Dest", "document")
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get(
        "Purpose", ""
    )
    return destination == "document" and "prefetch" not in purpose.lower()


def audience_portal(request) -> tuple[int | None, str]:
    """The portal read and its root: resolved by PortalMiddleware, or known
    from the page cache when the page was served from there."""
    portal = getattr(request, "portal", None)
    if portal is not None:
        return portal.pk, getattr(request, "portal_root", "/") or "/"
    cached = getattr(request, "cached_portal", None)
    if cached and cached[0]:
        return cached[0], cached[1] or "/"
    return None, "/"


def portal_path(request) -> str:
    """The address relative to the portal's root, without the query string."""
    root = audience_portal(request)[1]
    path = request.path_info
    if path.startswith(root):
        path = "/" + path[len(root) :]
    return path[:PATH_MAX]


def _end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _seconds_left(day: date) -> int:
    left = (_end_of_day(day) - timezone.now()).total_seconds()
    # A little margin for the requests that straddle midnight.
    return max(int(left), 0) + 600


def daily_salt(day: date) -> bytes:
    """A random salt for this day only, kept in the cache, never in the database."""
    key = f"stats:salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None:
        # add() so that two processes sharing a cache agree on one salt.
        cache.add(key, secrets.token_hex(32), timeout=_seconds_left(day))
        salt = cache.get(key) or secrets.token_hex(32)
    return salt.encode()


def visitor_digest(*, ip: str, user_agent: str, portal_id: int, day: date) -> str:
    message = f"{ip}\n{user_agent}\n{portal_id}".encode()
    return hmac.new(daily_salt(day), message, hashlib.sha256).hexdigest()


def is_new_visit(*, ip: str, user_agent: str, portal_id: int, day: date) -> bool:
    """True the first time this visitor is seen on this portal today."""
    digest = visitor_digest(ip=ip, user_agent=user_agent, portal_id=portal_id, day=day)
    return cache.add(
        f"stats:seen:{day.isoformat()}:{digest}", 1, timeout=_seconds_left(day)
    )


def is_team_member(request) -> bool:
    """Logged-in staff (animators, coordinators) read their own portal all day:
    their visits are work, not audience. Visitors without a session cookie are
    never looked up, so counting adds no query and no ``Vary: Cookie``."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def should_count(request, response) -> bool:
    return (
        audience_portal(request)[0] is not None
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        # Made to be framed on partners' sites (widgets): not a visit here.
        and not getattr(response, "xframe_options_exempt", False)
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(request, "is_preview", False)
        and not refuses_tracking(request)
        and is_reading_a_page(request)
        and not is_bot(request.headers.get("User-Agent", ""))
        and not is_team_member(request)
    )


# --- The buffer: counted in memory, written by a thread ----------------------

MAX_BUFFERED = 50_000


class _Buffer:
    def __init__(self):
        self.lock = threading.Lock()
        self.page_views: dict[tuple[int, date, str], int] = {}
        self.visits: dict[tuple[int, date], list[int]] = {}

    def add(self, portal_id: int, day: date, path: str, new_visit: bool) -> bool:
        """Count one view; False when the buffer is full (the view is lost)."""
        with self.lock:
            key = (portal_id, day, path)
            if key not in self.page_views and len(self.page_views) >= MAX_BUFFERED:
                return False
            self.page_views[key] = self.page_views.get(key, 0) + 1
            totals = self.visits.setdefault((portal_id, day), [0, 0])
            totals[0] += int(new_visit)
            totals[1] += 1
            return True

    def take(self):
        with self.lock:
            page_views, self.page_views = self.page_views, {}
            visits, self.visits = self.visits, {}
        return page_views, visits

    def put_back(self, page_views, visits) -> None:
        with self.lock:
            for key, views in page_views.items():
                if key in self.page_views or len(self.page_views) < MAX_BUFFERED:
                    self.page_views[key] = self.page_views.get(key, 0) + views
            for key, (new, views) in visits.items():
                totals = self.visits.setdefault(key, [0, 0])
                totals[0] += new
                totals[1] += views

    def __len__(self) -> int:
        return len(self.page_views)


_buffer = _Buffer()
_flusher_pid: int | None = None
_flusher_lock = threading.Lock()
_wake = threading.Event()


def record(*, portal_id: int, day: date, path: str, new_visit: bool) -> None:
    """Count one page view (no query): written by ``flush`` later."""
    if not _buffer.add(portal_id, day, path, new_visit):
        logger.warning("audience: buffer full, page view not counted")
    _start_flusher()
    if len(_buffer) >= MAX_BUFFERED // 2:
        _wake.set()


def flush() -> int:
    """Write the buffered counts to the database; returns the addresses
    written. Never raises: a database error keeps the counts for next time."""
    from django.db import DatabaseError

    from . import services

    page_views, visits = _buffer.take()
    if not page_views and not visits:
        return 0
    try:
        services.audience_add(
            page_views=[(p, d, path, n) for (p, d, path), n in page_views.items()],
            visits=[(p, d, new, n) for (p, d), (new, n) in visits.items()],
        )
    except DatabaseError:
        logger.warning("audience: counts kept for the next flush", exc_info=True)
        _buffer.put_back(page_views, visits)
        return 0
    return len(page_views)


def discard() -> None:
    """Forget what is buffered (tests)."""
    _buffer.take()


def _flush_seconds() -> float:
    return float(getattr(settings, "QUARTIERS_AUDIENCE_FLUSH_SECONDS", 10))


def _flush_loop() -> None:
    from django.db import connections

    while True:
        _wake.wait(_flush_seconds())
        _wake.clear()
        try:
            flush()
        except Exception:  # never let the thread die
            logger.exception("audience: flush failed")
        finally:
            connections.close_all()  # this thread's connections only


def _start_flusher() -> None:
    """One flushing thread per process, started with its first page view
    (after a fork, the child starts its own). 0 seconds: no thread (tests
    call ``flush`` themselves)."""
    global _flusher_pid
    if _flusher_pid == os.getpid() or _flush_seconds() <= 0:
        return
    with _flusher_lock:
        if _flusher_pid == os.getpid():
            return
        _flusher_pid = os.getpid()
        threading.Thread(target=_flush_loop, name="audience-flush", daemon=True).start()
        atexit.register(flush)

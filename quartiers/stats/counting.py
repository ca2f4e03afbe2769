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
"""

import hashlib
import hmac
import re
import secrets
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import PATH_MAX

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


def portal_path(request) -> str:
    """The address relative to the portal's root, without the query string."""
    root = getattr(request, "portal_root", "/") or "/"
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
    portal = getattr(request, "portal", None)
    return (
        portal is not None
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

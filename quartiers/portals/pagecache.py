"""The anonymous page cache: public pages served without touching the database.

What is cached
    Anonymous GET (and HEAD) requests that carry no session cookie, no
    messages cookie and no Authorization header; responses 200, 301 and 404
    that set no cookie, used no CSRF token, left the session untouched, are
    not streamed, say nothing of ``private``/``no-store``/``no-cache`` and
    vary on nothing but Cookie, Accept-Language and Accept-Encoding. Pages,
    feeds, widgets and API lists all go through here.

Logged-in visitors
    A page whose drawing for an anonymous visitor never read ``request.user``
    (but for the header's account links, drawn by ``{% account_nav %}``
    between two markers) is the same for everyone: a logged-in resident gets
    that cached page with the account links drawn for them, marked
    ``Cache-Control: private``. Staff, a visitor with a message waiting, and
    every page that read the visitor (a member's button, a comment form)
    get a fresh page.

The key
    Scheme, host, full path with its query, the language the page is drawn
    in (``LocaleMiddleware`` resolved it from the cookie or Accept-Language)
    and versions: the network's version for every page, plus the portal's
    version for a portal's pages, or the "everything" version for pages
    without a portal (the hub, the API, network pages), which show every
    portal's content. A request is matched to its portal without the
    database through a small "route" entry (host and first path segment to
    portal id) stored with the pages.

Invalidation
    A version is a random token in the *shared* cache (Redis, or files in
    ``var/`` so that the web server and the worker see the same versions);
    bumping draws a new one, so no old page can ever come back. Every change
    to what the public sees bumps, with no call needed in the services:
    ``post_save``/``post_delete`` of every model of our apps and of Wagtail
    pages, sites and redirects, Wagtail's publish/unpublish/move signals, and
    a watch on the SQL itself that catches the writes sending no signal
    (``QuerySet.update()``, ``bulk_create``, raw SQL) and bumps the network.
    A change bumps at once and again once the transaction is committed, so a
    page drawn from the database in between is never kept. Services may also
    call ``bump_portal_cache(portal_id)`` or ``bump_network_cache()``.

    Pages expire anyway after ``QUARTIERS_PAGE_CACHE_SECONDS`` (60 s): what
    changes with time alone (an event now past, the radio's programme) is
    never older than that.

Audience counting stays correct: ``AudienceMiddleware`` sits before this one
and counts the pages served from here too.
"""

import contextvars
import hashlib
import logging
import re
import secrets

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_started
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.template.context_processors import csrf
from django.template.loader import get_template
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject

logger = logging.getLogger(__name__)

PAGES_ALIAS = "pages"
SHARED_ALIAS = "shared"
PREFIX = "pagecache"
NETWORK_KEY = f"{PREFIX}:v:network"
EVERYTHING_KEY = f"{PREFIX}:v:all"

CACHEABLE_STATUS = {200, 301, 404}
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# Never looked up: logged-in areas and files (served elsewhere or private).
SKIPPED_PREFIXES = ("/admin/", "/compte/", "/django-admin/")
# Our own tables whose writes change nothing the public sees: the audience
# counters, and image renditions (derived files, drawn on a first read).
UNWATCHED_MODELS = {
    "stats.dailypageviews",
    "stats.dailyvisits",
    "uploads.portalrendition",
}
# Derived from content already watched: the search index and its vocabulary
# (its pages are drawn again with the content's own portal bump).
UNWATCHED_APPS = {"search"}


def _alias(name: str):
    return caches[name] if name in settings.CACHES else caches["default"]


def pages_cache():
    return _alias(PAGES_ALIAS)


def shared_cache():
    return _alias(SHARED_ALIAS)


def _portal_key(portal_id) -> str:
    return f"{PREFIX}:v:portal:{portal_id}"


def _versions(keys: list[str]) -> list[str]:
    store = shared_cache()
    found = store.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            # add(): two processes starting at once agree on one token.
            store.add(key, secrets.token_hex(8), None)
        found.update(store.get_many(missing))
    return [str(found.get(key, "")) for key in keys]


def _draw(keys: list[str]) -> None:
    try:
        shared_cache().set_many({key: secrets.token_hex(8) for key in keys}, None)
    except Exception:  # a cache that is down must not break a write
        logger.warning("page cache: version not bumped", exc_info=True)


def _bump(keys: list[str]) -> None:
    """Now, and again after the commit (see the module's docstring)."""
    _draw(keys)
    try:
        transaction.on_commit(lambda: _draw(keys))
    except transaction.TransactionManagementError:
        pass  # manual transaction management: the bump above stands


def bump_portal_cache(portal_id) -> None:
    """What the public sees of this portal changed: its pages, and the pages
    that show every portal (the hub, the API), are drawn again."""
    if portal_id is None:
        bump_network_cache()
        return
    _bump([_portal_key(portal_id), EVERYTHING_KEY])
    transaction.on_commit(lambda: _bump_receivers_of(portal_id))


def bump_network_cache() -> None:
    """Something every page may show changed: every cached page goes."""
    _bump([NETWORK_KEY])


def content_version() -> str:
    """A token that changes whenever anything the public sees changes.

    Other caches of public output (feeds, sitemaps) put it in their keys, so
    a publish shows in them at once instead of when their copy expires.
    """
    try:
        return "-".join(_versions([NETWORK_KEY, EVERYTHING_KEY]))
    except Exception:  # a cache that is down: no sharing, never an error
        logger.warning("page cache: versions unreadable", exc_info=True)
        return secrets.token_hex(8)


def _bump_receivers_of(portal_id) -> None:
    """Other portals show this portal's shared pieces: when it shares any,
    they are drawn again too (after the commit, off the tests' query counts)."""
    from django.apps import apps

    try:
        share = apps.get_model("network", "Share")
    except LookupError:
        return
    if share.objects.filter(portal_id=portal_id).exists():
        _draw([NETWORK_KEY])


# --- What a change touches ---------------------------------------------------


def _portal_of_page(page):
    from .models import Portal
    from .selectors import portal_for_page

    if isinstance(page, Portal):
        return None
    portal = portal_for_page(page)
    return portal.pk if portal is not None else None


def bump_for(instance) -> None:
    """Bump what ``instance`` (any model of ours, a page, a site) shows on."""
    from wagtail.models import Page

    from .models import Portal

    if isinstance(instance, Portal):
        # Its name, slug or domain: the hub, the routes, every portal's list.
        bump_network_cache()
    elif isinstance(instance, Page):
        bump_portal_cache(_portal_of_page(instance))
    elif instance._meta.app_label == "network":
        # Shares and their decisions show on other portals than their own.
        bump_network_cache()
    elif getattr(instance, "portal_id", None) is not None:
        bump_portal_cache(instance.portal_id)
    else:
        bump_network_cache()


_in_signalled_write = contextvars.ContextVar("pagecache_signalled", default=0)


def _before(sender, instance, **kwargs):
    _in_signalled_write.set(_in_signalled_write.get() + 1)


def _after_save(sender, instance, update_fields=None, **kwargs):
    _in_signalled_write.set(max(_in_signalled_write.get() - 1, 0))
    # Logging in writes last_login: nobody sees it.
    if update_fields and set(update_fields) <= {"last_login"}:
        return
    bump_for(instance)


def _after_delete(sender, instance, **kwargs):
    _in_signalled_write.set(max(_in_signalled_write.get() - 1, 0))
    bump_for(instance)


def _page_signal(sender, instance, **kwargs):
    bump_for(instance)


def _page_moved(sender, instance, parent_page_before=None, **kwargs):
    bump_for(instance)
    if parent_page_before is not None:
        bump_portal_cache(_portal_of_page(parent_page_before))


def _reset(**kwargs):
    _in_signalled_write.set(0)


_WRITE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE
)
_watched_tables: set[str] = set()


def _watch_sql(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    head = sql[:7].upper() if isinstance(sql, str) else ""
    if (
        head.startswith(("INSERT", "UPDATE", "DELETE"))
        and not _in_signalled_write.get()
    ):
        match = _WRITE.match(sql)
        if match and match.group(1) in _watched_tables:
            # A write that sent no signal: which portal is unknown, so all.
            bump_network_cache()
    return result


def _install_watch(sender, connection, **kwargs):
    if _watch_sql not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_sql)


def _watched_models():
    from django.apps import apps
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Page, Site

    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in UNWATCHED_MODELS or model._meta.app_label in UNWATCHED_APPS:
            continue
        ours = model.__module__.startswith("quartiers.")
        if ours or issubclass(model, Page | Site | Redirect):
            yield model


def connect() -> None:
    """Wire the invalidation once (PortalsConfig.ready)."""
    from django.db import connections
    from wagtail.signals import page_published, page_unpublished, post_page_move

    uid = "quartiers.pagecache"
    for model in _watched_models():
        if not model._meta.auto_created:
            pre_save.connect(
                _before, sender=model, dispatch_uid=f"{uid}.ps", weak=False
            )
            pre_delete.connect(
                _before, sender=model, dispatch_uid=f"{uid}.pd", weak=False
            )
            post_save.connect(
                _after_save, sender=model, dispatch_uid=f"{uid}.s", weak=False
            )
            post_delete.connect(
                _after_delete, sender=model, dispatch_uid=f"{uid}.d", weak=False
            )
        if not model._meta.proxy and model.__module__.startswith("quartiers."):
            _watched_tables.add(model._meta.db_table)
    page_published.connect(_page_signal, dispatch_uid=f"{uid}.pub", weak=False)
    page_unpublished.connect(_page_signal, dispatch_uid=f"{uid}.unpub", weak=False)
    post_page_move.connect(_page_moved, dispatch_uid=f"{uid}.move", weak=False)
    request_started.connect(_reset, dispatch_uid=f"{uid}.reset", weak=False)
    connection_created.connect(_install_watch, dispatch_uid=uid, weak=False)
    for connection in connections.all(initialized_only=True):
        _install_watch(None, connection)


# --- The personal part of a page ---------------------------------------------

PERSONAL_START = "<!--aq:compte-->"
PERSONAL_END = "<!--/aq:compte-->"
PERSONAL_TEMPLATE = "includes/account_nav.html"
# Marks a stored page that read nobody: it may be served to logged-in
# residents with their own account links.
SHAREABLE = "aq_same_for_everyone"


def personal_fragment(request, portal_slug: str) -> str:
    """The header's account links for the visitor of ``request``, between
    the markers. Reads the visitor without marking the page as personal."""
    user = None
    if request is not None:
        user = getattr(request, "_account_user", None) or getattr(request, "user", None)
    context = {"user": user, "portal_slug": portal_slug}
    if request is not None:
        context.update(csrf(request))
    html = get_template(PERSONAL_TEMPLATE).render(context)
    return f"{PERSONAL_START}{html}{PERSONAL_END}"


def _track_user(request) -> None:
    """Swap ``request.user`` for a copy that remembers being read."""
    user = getattr(request, "user", None)
    if user is None:
        return
    request._account_user = user

    def read():
        request._user_was_read = True
        return user

    request.user = SimpleLazyObject(read)


def _with_personal_part(request, entry, portal_slug: str):
    content = entry.content.decode(entry.charset or "utf-8")
    start = content.find(PERSONAL_START)
    end = content.find(PERSONAL_END, start)
    if start < 0 or end < 0:
        return None
    content = (
        content[:start]
        + personal_fragment(request, portal_slug)
        + content[end + len(PERSONAL_END) :]
    )
    response = HttpResponse(
        content, status=entry.status_code, content_type=entry["Content-Type"]
    )
    for header, value in entry.items():
        if header.lower() not in (
            "content-type",
            "content-length",
            "cache-control",
            "etag",
            "x-page-cache",
        ):
            response[header] = value
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie",))
    response["X-Page-Cache"] = "personal"
    return response


# --- The middleware ----------------------------------------------------------


def _seconds() -> int:
    return int(getattr(settings, "QUARTIERS_PAGE_CACHE_SECONDS", 60))


def _is_anonymous_request(request) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in request.COOKIES
        and "Authorization" not in request.headers
    )


def _may_look_up(request) -> bool:
    return (
        _seconds() > 0
        and request.method in ("GET", "HEAD")
        and _is_anonymous_request(request)
        and not request.path_info.startswith(
            (*SKIPPED_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
        )
    )


def _may_personalise(request) -> bool:
    """A logged-in visitor's GET that may get a shared page with their own
    account links (the visitor themself is checked once the page is found)."""
    return (
        _seconds() > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME in request.COOKIES
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in request.COOKIES
        and "Authorization" not in request.headers
        and not request.path_info.startswith(
            (*SKIPPED_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
        )
    )


def _digest(*parts) -> str:
    return hashlib.sha256("\n".join(str(p) for p in parts).encode()).hexdigest()[:40]


def _route_key(request, network: str) -> str:
    first = request.path_info.lstrip("/").split("/", 1)[0]
    return f"{PREFIX}:r:" + _digest(request.scheme, request.get_host(), first, network)


def _page_key(request, network: str, version: str) -> str:
    return f"{PREFIX}:p:" + _digest(
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", ""),
        network,
        version,
    )


def _directives(response) -> str:
    return response.get("Cache-Control", "").lower()


def _storable(request, response) -> bool:
    if (
        request.method != "GET"
        or response.status_code not in CACHEABLE_STATUS
        or response.streaming
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(request, "is_preview", False)
        or len(response.content) > settings.QUARTIERS_PAGE_CACHE_MAX_BYTES
    ):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "_queued_messages", None):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if any(word in _directives(response) for word in UNCACHEABLE_DIRECTIVES):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= ALLOWED_VARY


class PageCacheMiddleware:
    """Place it after AudienceMiddleware and before PortalMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_personalise(request):
            try:
                personal = self._personal_look_up(request)
            except Exception:
                logger.warning("page cache: personal lookup failed", exc_info=True)
                personal = None
            if personal is not None:
                return personal
        if not _may_look_up(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Someone's own page: no shared cache may keep it.
                if "no-store" not in _directives(response):
                    patch_cache_control(response, private=True)
                patch_vary_headers(response, ("Cookie",))
            return response
        try:
            response, keys = self._look_up(request)
        except Exception:
            logger.warning("page cache: lookup failed", exc_info=True)
            return self.get_response(request)
        if response is not None:
            return response
        _track_user(request)
        response = self.get_response(request)
        # Read before the checks below, which look at the visitor themselves.
        same_for_everyone = not getattr(request, "_user_was_read", False)
        if _storable(request, response):
            self._store(request, response, keys, same_for_everyone)
        return response

    def _look_up(self, request):
        """The cached response, or None and what storing needs. Versions are
        read before the page is drawn: a change during the drawing bumps them,
        and the page, perhaps drawn from the old content, is kept under the
        old versions that nobody asks for any more."""
        (network,) = _versions([NETWORK_KEY])
        store = pages_cache()
        route_key = _route_key(request, network)
        route = store.get(route_key)
        if route is None:
            # First page of this host and first segment: which versions it
            # depends on is learnt now, and the next request may be kept.
            return None, (network, route_key, None)
        portal_id, root = route
        version_key = _portal_key(portal_id) if portal_id else EVERYTHING_KEY
        (version,) = _versions([version_key])
        page_key = _page_key(request, network, version)
        entry = store.get(page_key)
        if entry is None:
            return None, (network, route_key, (portal_id, page_key))
        # The audience middleware counts it like a page drawn now.
        request.cached_portal = (portal_id, root)
        entry["X-Page-Cache"] = "hit"
        return entry, None

    def _personal_look_up(self, request):
        """The shared page with this visitor's account links, or None."""
        (network,) = _versions([NETWORK_KEY])
        store = pages_cache()
        route = store.get(_route_key(request, network))
        if route is None:
            return None
        portal_id, root = route
        version_key = _portal_key(portal_id) if portal_id else EVERYTHING_KEY
        (version,) = _versions([version_key])
        entry = store.get(_page_key(request, network, version))
        shared = getattr(entry, SHAREABLE, None) if entry is not None else None
        if shared is None or entry.status_code != 200:
            return None
        user = request.user
        if not user.is_authenticated or user.is_staff:
            return None
        session = getattr(request, "session", None)
        if session is not None and "_messages" in session:
            return None  # a message waits: it is shown on a fresh page
        response = _with_personal_part(request, entry, shared)
        if response is not None:
            request.cached_portal = (portal_id, root)
        return response

    def _store(self, request, response, keys, same_for_everyone=False) -> None:
        network, route_key, known = keys
        portal = getattr(request, "portal", None)
        portal_id = portal.pk if portal is not None else 0
        if "Cache-Control" not in response:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.QUARTIERS_PAGE_CACHE_BROWSER_SECONDS,
            )
        patch_vary_headers(response, ("Cookie",))
        try:
            store = pages_cache()
            if known is None or known[0] != portal_id:
                root = getattr(request, "portal_root", "/") or "/"
                store.set(route_key, (portal_id, root), None)
            else:
                if same_for_everyone and PERSONAL_START.encode() in response.content:
                    setattr(response, SHAREABLE, portal.slug if portal else "")
                store.set(known[1], response, _seconds())
        except Exception:
            logger.warning("page cache: page not stored", exc_info=True)
        response["X-Page-Cache"] = "miss"

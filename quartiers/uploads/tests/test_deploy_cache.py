"""deploy/nginx.conf keeps anonymous pages a short while, never anyone's own
page, compresses every text type the site sends and keeps hashed static files
for a year."""

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core.files.base import ContentFile

from quartiers.config.settings import base as production

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
CONF = (DEPLOY / "nginx.conf").read_text()
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"


def _locations(conf: str) -> dict[str, str]:
    """location header -> its body; headers may be quoted regexes with braces."""
    found = {}
    pattern = r'location\s+((?:=|~\*?)?\s*(?:"[^"]*"|[^\s{]+))\s*\{(.*?)\n    \}'
    for match in re.finditer(pattern, conf, re.S):
        found[match.group(1).strip()] = match.group(2)
    return found


LOCATIONS = _locations(CONF)
TOP = CONF.split("server {", 1)[0]


def _directive(body: str, name: str) -> list[str]:
    return [
        m.group(1).split() for m in re.finditer(rf"^\s*{name}\s+([^;]+);", body, re.M)
    ]


def _types(name: str) -> set[str]:
    (values,) = _directive(TOP, name)
    return set(values)


def _seconds(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([smh]?)", value).groups()
    return int(number) * {"": 1, "s": 1, "m": 60, "h": 3600}[unit]


def test_anonymous_pages_are_micro_cached_and_sessions_always_bypass_it():
    page = LOCATIONS["/"]
    zone = _directive(page, "proxy_cache")[0][0]
    assert f"keys_zone={zone}:" in TOP
    bypass = set(_directive(page, "proxy_cache_bypass")[0])
    no_cache = set(_directive(page, "proxy_no_cache")[0])
    private = {
        f"$cookie_{settings.SESSION_COOKIE_NAME}",
        f"$cookie_{getattr(settings, 'MESSAGE_COOKIE_NAME', 'messages')}",
        "$http_authorization",
    }
    assert private <= bypass, "a logged-in visitor must never get a cached page"
    assert private <= no_cache, "a logged-in visitor's page must never be kept"
    for *codes, valid in _directive(page, "proxy_cache_valid"):
        assert "200" in codes
        # Short: never longer than the application's own page cache.
        assert _seconds(valid) <= production.QUARTIERS_PAGE_CACHE_SECONDS
    assert "updating" in _directive(page, "proxy_cache_use_stale")[0]
    assert _directive(page, "proxy_cache_lock") == [["on"]]
    # The application's Cache-Control (private, no-store, max-age) and its
    # cookies decide: nginx must not be told to ignore them.
    assert not _directive(CONF, "proxy_ignore_headers")
    # Pages are drawn in the visitor's language (cookie): part of the key.
    key = _directive(page, "proxy_cache_key")[0][0]
    assert f"$cookie_{settings.LANGUAGE_COOKIE_NAME}" in key
    # Logged-in areas are never cached.
    assert not _directive(LOCATIONS["/admin/"], "proxy_cache")


def test_activitypub_clients_never_get_nor_leave_a_cached_page():
    """The same address answers HTML or an ActivityPub object by Accept."""
    page = LOCATIONS["/"]
    match = re.search(r"map \$http_accept \$(\w+) \{(.*?)\}", TOP, re.S)
    assert match, "deploy/nginx.conf must tell ActivityPub requests apart"
    variable, body = match.groups()
    pattern = re.search(r"~\*(\S+)\s+1;", body).group(1)
    for accept in (
        "application/activity+json",
        'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
    ):
        assert re.search(pattern, accept, re.I), accept
    assert not re.search(pattern, "text/html,application/xhtml+xml", re.I)
    assert f"${variable}" in _directive(page, "proxy_cache_bypass")[0]
    assert f"${variable}" in _directive(page, "proxy_no_cache")[0]


def test_every_text_type_the_site_sends_is_compressed():
    assert _directive(TOP, "gzip") == [["on"]]
    gzip = _types("gzip_types")
    sent = {
        "text/css",
        "application/javascript",
        "application/json",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/calendar",
        "image/svg+xml",
    }
    for path in STATIC_DIR.rglob("*"):
        kind = mimetypes.guess_type(path.name)[0]
        if path.is_file() and kind and not kind.startswith(("image/", "font/")):
            sent.add(kind)
    sent.add("image/svg+xml")
    sent.discard("text/html")  # always compressed by nginx
    assert sent <= gzip, sorted(sent - gzip)
    if _directive(TOP, "brotli"):
        assert _types("brotli_types") == gzip


def test_hashed_static_files_are_immutable_and_plain_names_are_not():
    hashed = [h for h in LOCATIONS if h.startswith("~") and "/static/" in h]
    assert len(hashed) == 1
    regex = hashed[0].split(None, 1)[1].strip('"').replace("(?<", "(?P<")
    storage = ManifestStaticFilesStorage(location=str(STATIC_DIR))
    name = storage.hashed_name("css/site.css", ContentFile(b"body{}"))
    assert re.match(regex, f"/static/{name}")
    assert not re.match(regex, "/static/css/site.css")
    assert not re.match(regex, "/static/js/jquery-3.7.1.min.js")
    body = LOCATIONS[hashed[0]]
    control = re.search(r'add_header Cache-Control "([^"]+)"', body).group(1)
    assert "immutable" in control
    assert int(re.search(r"max-age=(\d+)", control).group(1)) >= 365 * 86400
    assert "gzip_static on;" in body
    plain = LOCATIONS["/static/"]
    assert "immutable" not in plain
    assert "expires" not in plain or "max" not in plain

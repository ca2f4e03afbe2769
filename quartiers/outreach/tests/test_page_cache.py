"""Reading writes nothing, and a page read twice costs no query.

Every public surface (section pages, one item of every content kind, feeds,
widgets, API lists, the hub) is read anonymously: no INSERT, UPDATE or
DELETE ever runs, and once kept by the page cache it is answered without the
database. Changes (publish, edit, unpublish, a moderator hiding an ad, a
write that sends no signal) show on every cached page at once.
"""

import socket

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext

from quartiers.api.api import PATHS
from quartiers.outreach.widgets import WIDGET_KINDS
from quartiers.portals import pagecache
from quartiers.portals.features import registry

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.QUARTIERS_PAGE_CACHE_SECONDS = 60
    # The feeds' own cache is blind to changes (5 minutes by default).
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0


def public_urls(portal) -> list[str]:
    urls = ["/", "/alpha/", "/alpha/rss.xml", "/alpha/atom.xml", "/api/v1/portals"]
    urls += [f"/alpha/{section.slug}/" for section in registry.sections()]
    for kind in registry.content_kinds():
        item = kind.published(portal).first()
        assert item is not None, f"no public {kind.key} to read"
        urls.append(kind.to_item(item).url)
        urls.append(f"/api/v1/{PATHS.get(kind.key, f'{kind.key}s')}?portal=alpha")
    urls += [f"/alpha/{slug}/rss.xml" for slug in ("journal", "agenda", "annonces")]
    urls += [f"/alpha/widgets/{kind.slug}/" for kind in WIDGET_KINDS]
    urls.append("/alpha/widgets/")
    return urls


@pytest.fixture
def every_kind(build, one_of_each, portal_a):
    one_of_each(1)
    build.episode(portal_a)
    build.video(portal_a)
    missing = {
        kind.key for kind in registry.content_kinds() if not kind.published(portal_a)
    }
    assert not missing, f"build a public {missing} here"


def _writes(context) -> list[str]:
    return [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES)
    ]


def test_reading_writes_nothing_and_a_cached_page_costs_no_query(
    client, every_kind, portal_a
):
    urls = public_urls(portal_a)
    # Wagtail draws an image's renditions on its first read: the only write
    # a read may cause, once (they are files derived from the image).
    with CaptureQueriesContext(connection) as first_reads:
        firsts = {url: client.get(url) for url in urls}
    unexpected = [
        sql for sql in _writes(first_reads) if '"uploads_portalrendition"' not in sql
    ]
    assert not unexpected, unexpected
    not_cached = []
    for url in urls:
        first = firsts[url]
        assert first.status_code in (200, 400), (url, first.status_code)
        with CaptureQueriesContext(connection) as reading:
            client.get(url)
        assert not _writes(reading), (url, _writes(reading))
        with CaptureQueriesContext(connection) as cached:
            again = client.get(url)
        assert again.status_code == first.status_code
        if first.status_code == 200:
            assert again.content == first.content, url
            if cached.captured_queries:
                not_cached.append((url, len(cached.captured_queries)))
    assert not not_cached, f"public pages not served from the cache: {not_cached}"


def test_head_is_answered_from_the_cache_too(client, every_kind):
    client.get("/alpha/")
    client.get("/alpha/")
    with CaptureQueriesContext(connection) as cached:
        response = client.head("/alpha/")
    assert response.status_code == 200 and not cached.captured_queries


def _read_three_times(client, url):
    for _ in range(3):
        response = client.get(url)
    return response.content.decode()


def test_publish_edit_and_unpublish_show_at_once_on_every_cached_page(
    client, build, portal_a, every_kind
):
    article = build.article(portal_a, "Le potager ouvre")
    pages = [
        "/alpha/",
        "/alpha/journal/",
        article.url,
        "/alpha/rss.xml",
        "/api/v1/articles?portal=alpha",
    ]
    for url in pages:
        assert "Le potager ouvre" in _read_three_times(client, url), url

    article.title = "Le potager est ouvert"
    article.save_revision().publish()
    for url in pages:
        html = client.get(url).content.decode()
        assert "Le potager est ouvert" in html, url

    article.unpublish()
    for url in pages[:2] + pages[3:]:
        assert "Le potager" not in client.get(url).content.decode(), url
    assert client.get(article.url).status_code == 404


def test_a_hidden_ad_disappears_at_once_even_without_a_signal(
    client, build, portal_a, every_kind
):
    """ad_set_hidden writes with QuerySet.update(), which sends no signal."""
    from quartiers.classifieds import services

    ad = build.ad(portal_a, "Vélo pour enfant à donner")
    pages = ["/alpha/annonces/", "/alpha/widgets/annonces/", ad.get_absolute_url()]
    for url in pages:
        assert "Vélo pour enfant à donner" in _read_three_times(client, url), url
    assert services.ad_set_hidden(ad=ad, hidden=True)
    for url in pages:
        assert "Vélo pour enfant à donner" not in client.get(url).content.decode(), url


def test_one_portal_changing_keeps_the_other_portals_pages(
    client, build, portal_a, portal_b
):
    for url in ("/alpha/", "/beta/"):
        _read_three_times(client, url)
    build.article(portal_a, "Nouvelles du quartier Alpha")
    with CaptureQueriesContext(connection) as beta:
        client.get("/beta/")
    assert not beta.captured_queries
    assert "Nouvelles du quartier Alpha" in client.get("/alpha/").content.decode()


def test_services_may_bump_a_portal_themselves(client, portal_a):
    _read_three_times(client, "/alpha/")
    pagecache.bump_portal_cache(portal_a.pk)
    assert client.get("/alpha/")["X-Page-Cache"] == "miss"


def test_logged_in_residents_never_get_the_anonymous_page(client, resident_a, portal_a):
    """At most the shared page with their own account links drawn in
    (test_personal_page_cache.py), always private."""
    anonymous = _read_three_times(client, "/alpha/")
    client.force_login(resident_a)
    response = client.get("/alpha/")
    assert response.get("X-Page-Cache") != "hit"
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert response.content.decode() != anonymous


def test_anonymous_pages_say_public_and_vary_on_cookie(client, portal_a):
    response = client.get("/alpha/")
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


# What the middleware refuses to keep, whatever the view.


def _never_set_cookie(request):
    response = HttpResponse("<p>page</p>")
    response.set_cookie("choix", "1")
    return response


def _uses_a_csrf_token(request):
    return HttpResponse(f"<input value='{get_token(request)}'>")


def _private(request):
    response = HttpResponse("<p>à moi</p>")
    response["Cache-Control"] = "private"
    return response


def _varies_on_user_agent(request):
    response = HttpResponse("<p>selon le navigateur</p>")
    response["Vary"] = "User-Agent"
    return response


def _error(request):
    return HttpResponse("<p>oups</p>", status=500)


@pytest.mark.parametrize(
    "view",
    [_never_set_cookie, _uses_a_csrf_token, _private, _varies_on_user_agent, _error],
)
def test_responses_personal_or_uncertain_are_never_kept(rf, view, db):
    calls = []

    def get_response(request):
        calls.append(request)
        request.portal, request.portal_root = None, "/"
        return view(request)

    middleware = pagecache.PageCacheMiddleware(get_response)
    for _ in range(4):
        middleware(rf.get("/une-page/"))
    assert len(calls) == 4


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/une-page/", "HTTP_COOKIE": "sessionid=abc"},
        {"path": "/une-page/", "HTTP_COOKIE": "messages=abc"},
        {"path": "/une-page/", "HTTP_AUTHORIZATION": "Bearer x"},
    ],
)
def test_requests_of_someone_are_never_answered_from_the_cache(rf, request_kwargs, db):
    calls = []

    def get_response(request):
        calls.append(request)
        request.portal, request.portal_root = None, "/"
        return HttpResponse("<p>page</p>")

    middleware = pagecache.PageCacheMiddleware(get_response)
    for _ in range(3):
        middleware(rf.get("/une-page/"))
    path = request_kwargs.pop("path")
    middleware(rf.get(path, **request_kwargs))
    middleware(rf.post(path))
    assert len(calls) == 4  # route, page, then the two that had to be drawn


# The radio's live status: read from the cache, never from the network.


def test_the_radio_page_never_waits_on_the_network(
    client, portal_a, animator_a, monkeypatch, settings
):
    from quartiers.radio import icecast, services, tasks

    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:8000"]
    services.radio_settings_save(
        portal=portal_a, actor=animator_a, stream_url="http://127.0.0.1:8000/alpha.mp3"
    )

    def no_network(*args, **kwargs):
        raise AssertionError("a page opened a network connection")

    with monkeypatch.context() as patched:
        patched.setattr(socket.socket, "connect", no_network)
        patched.setattr(socket, "create_connection", no_network)
        for url in ("/alpha/", "/alpha/radio/"):
            assert client.get(url).status_code == 200
        assert "Hors antenne" in client.get("/alpha/radio/").content.decode()

    # The worker's job fills the cache the pages read.
    status_url = "http://127.0.0.1:8000/status-json.xsl"
    source = {"listenurl": "http://127.0.0.1:8000/alpha.mp3", "listeners": 4}
    monkeypatch.setattr(icecast, "fetch_sources", lambda url: [source])
    assert tasks.poll_icecast.call() == 1
    status = icecast.stream_status("http://127.0.0.1:8000/alpha.mp3", status_url)
    assert status.on_air and status.listeners == 4
    assert "En direct" in client.get("/alpha/radio/").content.decode()


calls_of_the_job = []


def periodic_job():
    calls_of_the_job.append(1)


def failing_job():
    raise RuntimeError("serveur injoignable")


def test_periodic_jobs_run_without_cron_and_survive_a_failure(settings, db):
    settings.QUARTIERS_PERIODIC_JOBS = {
        f"{__name__}.failing_job": 1,
        f"{__name__}.periodic_job": 1,
    }
    calls_of_the_job.clear()
    call_command("run_periodic", "--once")
    assert calls_of_the_job == [1]
    call_command("run_periodic", "--seconds", "1.5")
    assert len(calls_of_the_job) == 3

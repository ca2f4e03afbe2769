"""A logged-in resident gets the shared page with their own account links.

A page drawn for an anonymous visitor without reading who they are (but for
the header's account links) is the same page for everyone: it is served from
the cache to logged-in residents too, with their links drawn in. Every page
that reads the visitor (a member's button, a comment form) stays fresh. The
guard: on every public surface, what a resident gets from the cache is
exactly what a fresh drawing would give them.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpResponse
from django.urls import reverse

from conftest import make_user
from quartiers.portals import pagecache

from .test_page_cache import public_urls

pytestmark = pytest.mark.urls("quartiers.outreach.tests.urls")

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.QUARTIERS_PAGE_CACHE_SECONDS = 60
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0


@pytest.fixture
def every_kind(build, one_of_each, portal_a):
    one_of_each(1)
    build.episode(portal_a)
    build.video(portal_a)


def _prime(client, url):
    """An anonymous visitor reads the page twice: the route, then the page."""
    client.logout()
    for _ in range(2):
        client.get(url)


def test_a_resident_gets_the_cached_home_with_their_own_links(
    client, portal_a, resident_a
):
    _prime(client, "/alpha/")
    client.force_login(resident_a)
    response = client.get("/alpha/")
    html = response.content.decode()
    assert response["X-Page-Cache"] == "personal"
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "Se déconnecter" in html and "Se connecter<" not in html
    assert "Mes contributions" in html and "?portail=alpha" in html
    assert int(response["Content-Length"]) == len(response.content)

    # The logout form in the drawn links carries a token that works.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    client.handler.enforce_csrf_checks = True
    logout = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token[1]})
    assert logout.status_code in (302, 303)
    assert "_auth_user_id" not in client.session


def test_what_the_cache_gives_a_resident_is_what_a_fresh_page_gives(
    client, settings, every_kind, portal_a, resident_a
):
    """On every public surface: served from the cache or not, the resident
    reads the same page (a page that reads the visitor is never shared)."""
    shared = []
    for url in public_urls(portal_a):
        _prime(client, url)
        client.force_login(resident_a)
        cached = client.get(url)
        if cached.get("X-Page-Cache") != "personal":
            continue
        shared.append(url)
        settings.QUARTIERS_PAGE_CACHE_SECONDS = 0
        fresh = client.get(url)
        settings.QUARTIERS_PAGE_CACHE_SECONDS = 60
        assert fresh.status_code == cached.status_code == 200, url
        assert CSRF_VALUE.sub("", fresh.content.decode()) == CSRF_VALUE.sub(
            "", cached.content.decode()
        ), url
    # The portal's home and section pages at least are shared.
    assert "/alpha/" in shared and "/" in shared


def test_staff_and_someone_with_a_message_waiting_get_a_fresh_page(
    client, rf, portal_a, resident_a
):
    _prime(client, "/alpha/")
    animator = make_user("anim.cache@example.org")
    animator.is_staff = True
    animator.save()
    client.force_login(animator)
    response = client.get("/alpha/")
    assert "X-Page-Cache" not in response
    assert "Administration" in response.content.decode()

    client.force_login(resident_a)
    storage = CookieStorage(rf.get("/"))
    client.cookies["messages"] = storage._encode(
        [Message(message_levels.SUCCESS, "Votre annonce est en ligne")]
    )
    response = client.get("/alpha/")
    assert "X-Page-Cache" not in response
    assert "Votre annonce est en ligne" in response.content.decode()


def _middleware(view, calls):
    def get_response(request):
        calls.append(request)
        request.portal, request.portal_root = None, "/"
        return view(request)

    return pagecache.PageCacheMiddleware(get_response)


def _page_with_links(request):
    return HttpResponse(
        "<p>page</p>" + pagecache.personal_fragment(request, ""),
        content_type="text/html; charset=utf-8",
    )


def _page_reading_the_visitor(request):
    button = "<a>Proposer</a>" if request.user.is_authenticated else ""
    return HttpResponse(
        "<p>page</p>" + button + pagecache.personal_fragment(request, ""),
        content_type="text/html; charset=utf-8",
    )


def _with_visitor(request, user):
    request.user = user
    request.session = SessionBase()
    return request


@pytest.mark.parametrize(
    ("view", "shared"),
    [(_page_with_links, True), (_page_reading_the_visitor, False)],
)
def test_only_a_page_that_never_read_the_visitor_is_shared(
    rf, view, shared, resident_a
):
    calls = []
    middleware = _middleware(view, calls)
    for _ in range(2):
        middleware(_with_visitor(rf.get("/une-page/"), AnonymousUser()))
    assert len(calls) == 2  # the route, then the page

    logged_in = rf.get("/une-page/", HTTP_COOKIE="sessionid=abc")
    response = middleware(_with_visitor(logged_in, resident_a))
    assert (response.get("X-Page-Cache") == "personal") is shared
    assert len(calls) == (2 if shared else 3)
    if shared:
        assert "Se déconnecter" in response.content.decode()

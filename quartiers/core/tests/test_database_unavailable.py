"""A locked or unreachable database answers 503 with Retry-After, never 500.

The failure is simulated where it really happens: every SQL statement (or
every write) raises the OperationalError the database driver raises when the
server is down or an SQLite file is locked. The first query may come from a
middleware (the session of a logged-in person, the portal of the address) or
from the view; the answer is the same.
"""

import json
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from quartiers.core.middleware import database_unavailable

WRITES = ("INSERT", "UPDATE", "DELETE")


@contextmanager
def database_fails(error, *, only_writes=False):
    real_execute = CursorWrapper.execute

    def execute(self, sql, params=None):
        if not only_writes or sql.lstrip().upper().startswith(WRITES):
            raise error
        return real_execute(self, sql, params)

    with mock.patch.object(CursorWrapper, "execute", execute):
        yield


def _client(user=None):
    # The test client re-raises exceptions a middleware turned into a
    # response; a real server does not. Look at the response.
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _assert_french_503(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Service momentanément indisponible" in html
    assert "Réessayez dans quelques instants" in html


DOWN = OperationalError("connection to server at 127.0.0.1, port 5432 failed")
LOCKED = OperationalError("database is locked")


@pytest.mark.parametrize("error", [DOWN, LOCKED, InterfaceError("closed")])
@pytest.mark.parametrize("path", ["/", "/alpha/", "/alpha/journal/", "/alpha/rss.xml"])
def test_anonymous_pages_answer_503(portal_a, error, path):
    client = _client()
    with database_fails(error):
        response = client.get(path)
    _assert_french_503(response)


def test_logged_in_person_gets_503_when_the_session_cannot_be_read(
    portal_a, resident_a
):
    client = _client(resident_a)
    with database_fails(DOWN):
        response = client.get("/alpha/participer/")
    _assert_french_503(response)


def test_api_answers_json_503(portal_a):
    client = _client()
    for path in ("/api/v1/portals", "/api/v1/portals/alpha"):
        with database_fails(DOWN):
            response = client.get(path)
        assert response.status_code == 503, path
        assert response["Content-Type"].startswith("application/json")
        assert int(response["Retry-After"]) > 0
        assert "indisponible" in json.loads(response.content)["detail"]


def test_a_write_on_a_locked_database_gives_back_what_was_typed(portal_a, resident_a):
    client = _client(resident_a)
    with database_fails(LOCKED, only_writes=True):
        response = client.post(
            "/alpha/blogs/ouvrir/",
            {"title": "Les carnets d'Awa", "presentation": "Ma vie\nau quartier"},
        )
    _assert_french_503(response)
    html = response.content.decode()
    assert "n&#x27;est pas perdu" in html or "n'est pas perdu" in html
    assert "Les carnets d&#x27;Awa" in html and "Ma vie\nau quartier" in html
    assert "csrfmiddlewaretoken" not in html.split("<form", 1)[0]


def test_bugs_stay_bugs():
    # A missing table is our mistake, not an outage: it must stay visible.
    assert not database_unavailable(OperationalError("no such table: x"))
    assert not database_unavailable(ValueError("database is locked"))
    assert database_unavailable(LOCKED) and database_unavailable(DOWN)

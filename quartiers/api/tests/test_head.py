"""HEAD answers wherever GET does: same status and headers, no body. Every
route of the OpenAPI schema is tried, so a route added tomorrow is too."""

import re

import pytest

from quartiers.api.api import api

pytestmark = pytest.mark.django_db


def every_get_route() -> list[str]:
    schema = api.get_openapi_schema()
    prefix = "/api/v1"
    routes = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        path = path if path.startswith(prefix) else prefix + path
        routes.append(re.sub(r"\{[^}]+\}", "alpha", path))
    return routes


def test_the_schema_has_routes():
    assert len(every_get_route()) >= 5


def test_head_answers_wherever_get_does(client, portal_a, settings):
    paths = [*every_get_route(), "/api/v1/"]
    for path in paths:
        got = client.get(path)
        head = client.head(path)
        assert head.status_code == got.status_code, path
        assert head.status_code != 405, path
        assert head.content == b"", path
        assert head["Content-Type"] == got["Content-Type"], path
        if "ETag" in got:
            assert head["ETag"] == got["ETag"], path
            assert head["Content-Length"] == str(len(got.content)), path

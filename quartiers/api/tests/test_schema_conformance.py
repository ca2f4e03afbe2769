"""The API answers what its OpenAPI schema says, whatever a caller sends.

Schemathesis draws requests from the schema, within it (positive) and
around it (negative: wrong types, out-of-range numbers, unknown or repeated
parameters), against the network's portals holding one public item of every
kind. Every answer must be documented: its status, its JSON shape, its
nullable fields; every error is {"detail": "<a French sentence>"}; a request
outside the schema gets a 4xx, never a 2xx or a 500.

Examples per operation and mode: API_FUZZ_EXAMPLES (20 by default, enough
to keep this under a minute).
"""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from quartiers.api.api import api
from quartiers.outreach.tests.conftest import build, one_of_each  # noqa: F401

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
OPERATIONS = [
    result.ok() for result in SCHEMA.get_all_operations() if result.ok() is not None
]
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "20"))
# Constraints between parameters that OpenAPI cannot state (documented in
# each operation's description): the only 400 a schema-valid request gets.
CROSS_PARAMETER_REFUSALS = ("La période est à l'envers", "La période est trop longue")

# What partners' code is written against: the paths and their operation
# ids never change (a module split or a new kind must not rename them).
STABLE_OPERATIONS = {
    ("/api/v1/portals", "list_portals"),
    ("/api/v1/portals/{slug}", "get_portal"),
    ("/api/v1/occurrences", "list_occurrences"),
    ("/api/v1/shows", "list_show"),
    ("/api/v1/shows/{item_id}", "get_show"),
    *(
        (f"/api/v1/{segment}", f"list_{key}")
        for segment, key in (
            ("articles", "article"),
            ("posts", "blogpost"),
            ("ads", "ad"),
            ("events", "event"),
            ("actors", "actor"),
            ("episodes", "episode"),
            ("videos", "video"),
            ("practical-info", "practical"),
        )
    ),
    *(
        (f"/api/v1/{segment}/{{item_id}}", f"get_{key}")
        for segment, key in (
            ("articles", "article"),
            ("posts", "blogpost"),
            ("ads", "ad"),
            ("events", "event"),
            ("actors", "actor"),
            ("episodes", "episode"),
            ("videos", "video"),
            ("practical-info", "practical"),
        )
    ),
}


def test_paths_and_operation_ids_stay_the_same():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    found = {
        (path, operation["operationId"])
        for path, operations in schema["paths"].items()
        for operation in operations.values()
    }
    assert found == STABLE_OPERATIONS


def test_the_schema_is_valid_openapi(client, db):
    """What code generators and API tools read: the served schema itself."""
    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_operation_documents_its_errors():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            responses = operation["responses"]
            assert {"200", "400", "429"} <= set(map(str, responses)), path
            if "{" in path:
                assert "404" in set(map(str, responses)), path


@pytest.fixture
def demo_like(one_of_each, build, portal_a, portal_b, settings):  # noqa: F811
    """Public items of every kind on portal A, a few on portal B."""
    one_of_each(2)
    one_of_each(1, portal=portal_b)
    build.episode(portal_a)
    build.video(portal_a)
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "api": (10**9, 60),
    }


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, as Django's test client runs it: the
    end of a request must not close the test's database connection (it
    would, on PostgreSQL, in the middle of the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _detail(response) -> str:
    try:
        return str(json.loads(response.content).get("detail", ""))
    except (ValueError, AttributeError):
        return ""


def _run(operation, mode: GenerationMode, app) -> None:
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        response = case.call(app=app)
        case.validate_response(response, excluded_checks=[positive_data_acceptance])
        if mode == GenerationMode.POSITIVE and response.status_code == 400:
            assert _detail(response).startswith(CROSS_PARAMETER_REFUSALS), (
                case.formatted_path,
                case.query,
                _detail(response),
            )
        if response.status_code >= 400:
            assert _detail(response).strip(), "an error without its message"

    check()


@pytest.mark.parametrize(
    "mode",
    [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    ids=["within-schema", "outside-schema"],
)
def test_every_answer_matches_the_schema(demo_like, wsgi_app, mode):
    app = wsgi_app
    failures = []
    for operation in OPERATIONS:
        try:
            _run(operation, mode, app)
        except Exception as error:  # collected: one report for every operation
            failures.append(f"{operation.label}: {str(error)[:1500]}")
    assert not failures, "\n\n".join(failures)

"""Property-based fuzzing of the API against its own OpenAPI schema: whatever
a caller sends within (or around) the schema, no answer is a server error."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from quartiers.agenda.tests.conftest import bulk_events
from quartiers.api.api import api
from quartiers.newsroom.selectors import journal_of
from tests.factories import bulk_articles

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
OPERATIONS = [
    result.ok() for result in SCHEMA.get_all_operations() if result.ok() is not None
]
# A few hundred cases per endpoint in CI; fewer on a developer's machine.
EXAMPLES = int(
    os.environ.get("API_FUZZ_EXAMPLES", "200" if os.environ.get("CI") else "40")
)


@pytest.fixture
def content(portal_a, portal_b):
    bulk_articles(journal_of(portal_a), 3)
    bulk_events(portal_b, 3)


@pytest.mark.parametrize(
    "operation",
    OPERATIONS,
    ids=[op.definition.raw.get("operationId", op.path) for op in OPERATIONS],
)
def test_no_request_gets_a_server_error(client, content, operation):
    strategy = operation.as_strategy()

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case):
        response = client.get(
            case.formatted_path, data=case.query or {}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code < 500, (case.formatted_path, case.query)

    check()

import pytest

BROWSER = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36 Navigateur-de-test-4821"
)
IP = "203.0.113.77"


@pytest.fixture(autouse=True)
def _empty_audience_buffer():
    """Page views counted by other tests never reach these ones."""
    from quartiers.stats import counting

    counting.discard()
    yield
    counting.discard()


@pytest.fixture
def visit(client):
    """visit(path, ip=IP, ua=BROWSER, **headers): a GET as a person's browser,
    its count written at once (the flushing thread is off in tests)."""
    from quartiers.stats import counting

    def get(path, *, ip=IP, ua=BROWSER, **headers):
        response = client.get(path, REMOTE_ADDR=ip, HTTP_USER_AGENT=ua, **headers)
        counting.flush()
        return response

    return get

import pytest

BROWSER = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36 Navigateur-de-test-4821"
)
IP = "203.0.113.77"


@pytest.fixture
def visit(client):
    """visit(path, ip=IP, ua=BROWSER, **headers): a GET as a person's browser."""

    def get(path, *, ip=IP, ua=BROWSER, **headers):
        return client.get(path, REMOTE_ADDR=ip, HTTP_USER_AGENT=ua, **headers)

    return get

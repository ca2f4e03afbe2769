"""Reading Icecast's status-json.xsl: whatever goes wrong, "hors antenne"."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError

from quartiers.radio import icecast, services, tasks
from quartiers.radio.models import RadioSettings, default_status_url


class FakeIcecast:
    """A tiny HTTP server on loopback answering what the test tells it to."""

    def __init__(self):
        self.body = b"{}"
        self.delay = 0.0
        self.hits = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                owner.hits += 1
                if owner.delay:
                    time.sleep(owner.delay)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def status_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/status-json.xsl"

    def stream(self, mount="/alpha.mp3") -> str:
        return f"http://127.0.0.1:{self.port}{mount}"

    def answer(self, sources):
        icestats = {"admin": "icemaster@localhost", "server_id": "Icecast 2.4.4"}
        if sources is not None:
            icestats["source"] = sources
        self.body = json.dumps({"icestats": icestats}).encode()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_icecast(settings):
    server = FakeIcecast()
    settings.QUARTIERS_ICECAST_HOSTS = [f"127.0.0.1:{server.port}"]
    yield server
    server.close()


def source(mount, listeners=3, title="Les Voix du quartier"):
    return {
        "listenurl": f"http://localhost:8000{mount}",
        "listeners": listeners,
        "server_name": "Radio Alpha",
        "title": title,
    }


def status(server, mount="/alpha.mp3"):
    """What a page reads once the worker polled the server."""
    icecast.refresh(server.status_url)
    return icecast.stream_status(server.stream(mount), server.status_url)


def test_one_source_is_a_json_object(fake_icecast):
    fake_icecast.answer(source("/alpha.mp3", listeners=7))
    result = status(fake_icecast)
    assert result.on_air and result.listeners == 7
    assert result.title == "Les Voix du quartier"


def test_several_sources_are_a_list_and_the_mount_is_found(fake_icecast):
    fake_icecast.answer(
        [source("/beta.mp3", listeners=1), source("/alpha.mp3", listeners=12)]
    )
    assert status(fake_icecast).listeners == 12
    assert status(fake_icecast, "/beta.mp3").listeners == 1


def test_mount_absent_or_no_source_is_off_air(fake_icecast):
    fake_icecast.answer([source("/beta.mp3")])
    assert status(fake_icecast) == icecast.OFF_AIR
    icecast.forget(fake_icecast.status_url)
    fake_icecast.answer(None)  # Icecast omits "source" when nothing streams
    assert status(fake_icecast) == icecast.OFF_AIR


def test_invalid_json_is_off_air(fake_icecast):
    fake_icecast.body = b"<html>Icecast is confused</html>"
    assert status(fake_icecast) == icecast.OFF_AIR
    icecast.forget(fake_icecast.status_url)
    fake_icecast.body = b'{"icestats": "nope"}'
    assert status(fake_icecast) == icecast.OFF_AIR


def test_a_server_too_slow_to_answer_is_off_air(fake_icecast):
    fake_icecast.answer(source("/alpha.mp3"))
    fake_icecast.delay = 1.5
    started = time.monotonic()
    assert icecast.fetch_sources(fake_icecast.status_url, timeout=0.3) is None
    assert time.monotonic() - started < 1.2


def test_nothing_listening_is_off_air(settings):
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:9"]
    assert icecast.refresh("http://127.0.0.1:9/status-json.xsl") is None
    assert (
        icecast.stream_status(
            "http://127.0.0.1:9/alpha.mp3", "http://127.0.0.1:9/status-json.xsl"
        )
        == icecast.OFF_AIR
    )


class _Lines(logging.Handler):
    """The lines the icecast module writes, whatever the logging setup."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        if record.levelno >= logging.INFO:
            self.lines.append(record.getMessage())


@pytest.fixture
def icecast_lines():
    handler = _Lines()
    level = icecast.logger.level
    icecast.logger.addHandler(handler)
    icecast.logger.setLevel(logging.INFO)
    icecast._failing.clear()  # earlier tests polled the same dead address
    yield handler.lines
    icecast.logger.removeHandler(handler)
    icecast.logger.setLevel(level)
    icecast._failing.clear()


def test_a_server_down_is_reported_once_until_it_answers_again(
    fake_icecast, settings, icecast_lines
):
    """The worker polls every few seconds: the terminal of `make run` must not
    fill with the same line while no Icecast runs."""
    down = "http://127.0.0.1:9/status-json.xsl"
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:9", f"127.0.0.1:{fake_icecast.port}"]
    fake_icecast.answer(source("/alpha.mp3"))
    for _ in range(3):
        assert icecast.fetch_sources(down) is None
    assert len(icecast_lines) == 1 and down in icecast_lines[0]

    # Another server answering does not reset the one that is down...
    assert icecast.fetch_sources(fake_icecast.status_url) is not None
    assert icecast.fetch_sources(down) is None
    assert len(icecast_lines) == 1

    # ...but once a server answered, its next failure is reported again.
    icecast._failing.add(fake_icecast.status_url)
    assert icecast.fetch_sources(fake_icecast.status_url) is not None
    fake_icecast.close()
    assert icecast.fetch_sources(fake_icecast.status_url, timeout=0.3) is None
    assert len(icecast_lines) == 2 and fake_icecast.status_url in icecast_lines[1]


def test_not_http_is_never_fetched():
    assert icecast.fetch_sources("file:///etc/passwd") is None
    assert icecast.fetch_sources("ftp://example.org/status-json.xsl") is None


def test_pages_read_the_polled_status_and_never_fetch(fake_icecast):
    fake_icecast.answer(source("/alpha.mp3"))
    stream = fake_icecast.stream()
    # Never polled yet: "hors antenne", and no page waits for the server.
    assert icecast.stream_status(stream, fake_icecast.status_url) == icecast.OFF_AIR
    assert fake_icecast.hits == 0
    icecast.refresh(fake_icecast.status_url)
    for _ in range(3):
        assert icecast.stream_status(stream, fake_icecast.status_url).on_air
    assert fake_icecast.hits == 1


def test_mount_behind_a_proxy_is_matched_by_its_file_name(fake_icecast):
    fake_icecast.answer(source("/alpha.mp3"))
    icecast.refresh(fake_icecast.status_url)
    result = icecast.stream_status(
        "https://radio.example.org/direct/alpha.mp3", fake_icecast.status_url
    )
    assert result.on_air


def test_default_status_url_comes_from_the_stream_url():
    assert (
        default_status_url("https://source:secret@radio.example.org:8443/alpha.mp3")
        == "https://radio.example.org:8443/status-json.xsl"
    )
    assert (
        default_status_url("http://radio.example.org/alpha.mp3")
        == "http://radio.example.org/status-json.xsl"
    )
    assert default_status_url("") == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "ftp://radio.example.org/alpha.mp3",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "radio.example.org/alpha.mp3",
        "http://",
    ],
)
def test_stream_url_must_be_http(portal_a, animator_a, url):
    with pytest.raises(ValidationError) as error:
        services.radio_settings_save(portal=portal_a, actor=animator_a, stream_url=url)
    assert "http://" in " ".join(error.value.messages)
    assert not RadioSettings.objects.filter(portal=portal_a).exists()


@pytest.mark.django_db
def test_radio_page_says_live_with_listeners_then_off_air(
    client, portal_a, animator_a, fake_icecast, make_show, settings
):
    settings.QUARTIERS_PAGE_CACHE_SECONDS = 60  # the cached page follows too
    make_show(portal_a)
    services.radio_settings_save(
        portal=portal_a,
        actor=animator_a,
        stream_url=fake_icecast.stream(),
        status_url=fake_icecast.status_url,
    )
    fake_icecast.answer(source("/alpha.mp3", listeners=5))
    tasks.poll_icecast.call()  # the worker's periodic job
    html = client.get("/alpha/radio/").content.decode()
    assert "En direct" in html and "5 personnes à l'écoute" in html
    assert (
        f'<audio class="on-air__player" controls preload="none" src="{fake_icecast.stream()}"'
        in html
    )

    fake_icecast.close()
    tasks.poll_icecast.call()
    # Going off air draws the cached radio page again at once.
    response = client.get("/alpha/radio/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hors antenne" in html and "En direct" not in html
    assert "<audio" not in html


# The status address is fetched by the server: only configured Icecast hosts.

FORBIDDEN_STATUS_URLS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:5432/status-json.xsl",
    "http://127.0.0.1:6379/",
    "http://127.0.0.1/status-json.xsl",
    "http://localhost:22/",
    "http://10.0.0.7:8000/status-json.xsl",
    "http://[::1]:8000/status-json.xsl",
    "http://radio.example.org/status-json.xsl",
    "http://127.0.0.1:8000@evil.example/status-json.xsl",
    "http://evil.example#@127.0.0.1:8000/status-json.xsl",
    "http://127.0.0.1:99999/status-json.xsl",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FORBIDDEN_STATUS_URLS)
def test_status_url_outside_the_configured_hosts_is_refused_at_saving(
    portal_a, animator_a, url, settings
):
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:8000", "localhost:8000"]
    with pytest.raises(ValidationError) as error:
        services.radio_settings_save(
            portal=portal_a,
            actor=animator_a,
            stream_url="https://radio.example.org/alpha.mp3",
            status_url=url,
        )
    assert "status_url" in error.value.message_dict
    assert "serveurs Icecast déclarés" in " ".join(error.value.messages)
    assert not RadioSettings.objects.filter(portal=portal_a).exists()


@pytest.mark.django_db
def test_status_deduced_from_a_stream_on_another_host_is_refused(
    portal_a, animator_a, settings
):
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:8000"]
    with pytest.raises(ValidationError) as error:
        services.radio_settings_save(
            portal=portal_a,
            actor=animator_a,
            stream_url="http://169.254.169.254/alpha.mp3",
        )
    assert "status_url" in error.value.message_dict
    # A public stream is fine once the status comes from a configured host.
    saved = services.radio_settings_save(
        portal=portal_a,
        actor=animator_a,
        stream_url="https://radio.example.org/alpha.mp3",
        status_url="http://127.0.0.1:8000/status-json.xsl",
    )
    assert saved.effective_status_url == "http://127.0.0.1:8000/status-json.xsl"
    settings.QUARTIERS_ICECAST_HOSTS = ["radio.example.org"]
    services.radio_settings_save(
        portal=portal_a,
        actor=animator_a,
        stream_url="https://radio.example.org/alpha.mp3",
    )


def test_configured_hosts_default_to_loopback():
    from django.conf import settings

    for entry in settings.QUARTIERS_ICECAST_HOSTS:
        assert entry.split(":")[0] in ("127.0.0.1", "localhost"), entry
    assert icecast.is_allowed("http://127.0.0.1:8000/status-json.xsl")
    assert not icecast.is_allowed("http://127.0.0.1:5432/status-json.xsl")


@pytest.mark.django_db
@pytest.mark.parametrize("url", FORBIDDEN_STATUS_URLS)
def test_status_url_outside_the_configured_hosts_is_never_fetched(
    url, settings, fake_icecast
):
    """Even a value saved before (or written to the database directly)."""
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:8000"]
    fake_icecast.answer(source("/alpha.mp3"))
    hits = fake_icecast.hits
    assert icecast.fetch_sources(url) is None
    # and the server no longer reads its own fake Icecast once it is not listed
    assert icecast.fetch_sources(fake_icecast.status_url) is None
    assert fake_icecast.hits == hits


@pytest.mark.django_db
def test_a_configured_host_that_redirects_elsewhere_is_not_followed(settings):
    """Icecast never redirects its status page: a redirect is "cannot read"."""
    target = FakeIcecast()
    target.answer(source("/alpha.mp3"))
    location = target.status_url

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", location)
            self.end_headers()

        def log_message(self, *args):
            pass

    redirector = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=redirector.serve_forever, daemon=True)
    thread.start()
    try:
        port = redirector.server_address[1]
        settings.QUARTIERS_ICECAST_HOSTS = [f"127.0.0.1:{port}"]
        assert icecast.fetch_sources(f"http://127.0.0.1:{port}/status-json.xsl") is None
        assert target.hits == 0
    finally:
        redirector.shutdown()
        redirector.server_close()
        target.close()

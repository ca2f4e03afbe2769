"""A real Icecast2 on loopback, a tone pushed with ffmpeg: the radio is live.

Skipped only when icecast2 or ffmpeg is not installed (Debian packages
``icecast2`` and ``ffmpeg``).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from quartiers.radio import icecast, services

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (shutil.which("icecast2") and shutil.which("ffmpeg")),
        reason="icecast2 ou ffmpeg n'est pas installé sur cette machine",
    ),
]

SOURCE_PASSWORD = "mot-de-passe-de-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _owner_block() -> str:
    """Icecast refuses to run as root: it then drops to "nobody"."""
    if os.geteuid() != 0:
        return ""
    import grp
    import pwd

    nobody = pwd.getpwnam("nobody")
    group = grp.getgrgid(nobody.pw_gid).gr_name
    return (
        f"<changeowner><user>{nobody.pw_name}</user><group>{group}</group>"
        "</changeowner>"
    )


def _config(port: int, folder: Path) -> Path:
    web = "/usr/share/icecast2"
    path = folder / "icecast.xml"
    path.write_text(
        f"""<icecast>
  <location>tests</location>
  <admin>icemaster@localhost</admin>
  <limits><sources>2</sources><clients>10</clients></limits>
  <authentication>
    <source-password>{SOURCE_PASSWORD}</source-password>
    <admin-user>admin</admin-user>
    <admin-password>{SOURCE_PASSWORD}-admin</admin-password>
  </authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>1</fileserve>
  <paths>
    <basedir>{web}</basedir>
    <logdir>{folder}</logdir>
    <webroot>{web}/web</webroot>
    <adminroot>{web}/admin</adminroot>
  </paths>
  <logging><accesslog>-</accesslog><errorlog>-</errorlog><loglevel>2</loglevel></logging>
  <security><chroot>0</chroot>{_owner_block()}</security>
</icecast>
""",
        encoding="utf-8",
    )
    path.chmod(0o644)
    return path


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"{what} : rien après {seconds} s")


def _stop(process) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture
def live_icecast(settings):
    """Icecast on a free loopback port, with ffmpeg streaming a tone to /alpha.mp3."""
    folder = Path(tempfile.mkdtemp(prefix="icecast-test-"))
    folder.chmod(0o777)
    port = _free_port()
    settings.QUARTIERS_ICECAST_HOSTS = [f"127.0.0.1:{port}"]
    config = _config(port, folder)
    server = source = None
    status_url = f"http://127.0.0.1:{port}/status-json.xsl"
    try:
        server = subprocess.Popen(
            ["icecast2", "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(
            lambda: icecast.fetch_sources(status_url, timeout=0.5) is not None,
            10,
            "Icecast ne répond pas",
        )
        source = subprocess.Popen(
            [
                "ffmpeg", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-c:a", "libmp3lame", "-b:a", "64k",
                "-content_type", "audio/mpeg", "-ice_name", "Radio Alpha",
                "-f", "mp3",
                f"icecast://source:{SOURCE_PASSWORD}@127.0.0.1:{port}/alpha.mp3",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait(
            lambda: icecast.fetch_sources(status_url, timeout=0.5),
            15,
            "ffmpeg n'arrive pas à diffuser vers Icecast",
        )
        yield {"port": port, "status_url": status_url, "source": source}
    finally:
        _stop(source)
        _stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def test_portal_shows_live_with_its_listeners(
    client, portal_a, animator_a, make_show, live_icecast
):
    make_show(portal_a)
    stream_url = f"http://127.0.0.1:{live_icecast['port']}/alpha.mp3"
    services.radio_settings_save(
        portal=portal_a, actor=animator_a, stream_url=stream_url
    )

    listener = urllib.request.urlopen(stream_url, timeout=5)  # noqa: S310
    try:
        assert listener.read(2048)

        def one_listener():
            icecast.poll_streams()  # what the worker does every few seconds
            found = icecast.stream_status(stream_url, live_icecast["status_url"])
            return found.listeners == 1

        _wait(one_listener, 10, "Icecast ne compte pas l'auditeur")
        html = client.get("/alpha/radio/").content.decode()
        assert "En direct" in html
        assert "1 personne à l'écoute" in html
        assert f'src="{stream_url}"' in html
    finally:
        listener.close()

    # The studio stops broadcasting: the page says so, without an error.
    _stop(live_icecast["source"])

    def off_air():
        icecast.poll_streams()
        return not icecast.stream_status(stream_url, live_icecast["status_url"]).on_air

    _wait(off_air, 10, "Icecast garde la source")
    html = client.get("/alpha/radio/").content.decode()
    assert "Hors antenne" in html and "En direct" not in html

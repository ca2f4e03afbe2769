"""Two installs of the project side by side on loopback, each its own server
process, SQLite file and address (127.0.0.1 and 127.0.0.2, two ports): a
portal of each follows the other's across installs, what one publishes is
delivered, signed, through the task code, and offered to the other as a
proposed share credited to its origin. Nothing is simulated between them.

Each install runs ``install_settings``: the demo settings, tasks run at
once, and fediverse requests allowed over loopback (refused otherwise).
"""

import ipaddress
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MANAGE = str(ROOT / "manage.py")
RESULT = "RESULT:"
# Variables of the test run that must not reach the installs (each has its own).
DROPPED = (
    "DATABASE_URL",
    "REDIS_URL",
    "TASKS_REDIS_URL",
    "TASKS_BACKEND",
    "BASE_URL",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "QUARTIERS_VAR_DIR",
)


def free_port(address: str) -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


@dataclass
class Install:
    name: str
    address: str
    var: Path
    port: int = 0
    server: subprocess.Popen | None = None
    output: IO | None = None
    log: Path = field(init=False)

    def __post_init__(self):
        self.port = free_port(self.address)
        self.log = self.var / "server.log"

    @property
    def base_url(self) -> str:
        return f"http://{self.address}:{self.port}"

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in DROPPED}
        env.update(
            DJANGO_SETTINGS_MODULE="quartiers.federation.tests.install_settings",
            QUARTIERS_VAR_DIR=str(self.var),
            BASE_URL=self.base_url,
            ALLOWED_HOSTS=f"{self.address}",
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, MANAGE, *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, self.explain(done)
        return done

    def shell(self, code: str, timeout: float = 60) -> dict:
        """Run Python in the install (its own settings and database); the
        dict it prints after RESULT."""
        done = self.manage("shell", "--no-imports", "-c", code, timeout=timeout)
        lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
        assert lines, self.explain(done)
        return json.loads(lines[-1][len(RESULT) :])

    def start(self) -> None:
        self.output = self.log.open("w")
        self.server = subprocess.Popen(
            [
                sys.executable,
                MANAGE,
                "runserver",
                f"{self.address}:{self.port}",
                "--noreload",
                "--skip-checks",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            assert self.server is not None and self.server.poll() is None, (
                self.server_log()
            )
            try:
                with socket.create_connection((self.address, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"{self.name} never answered\n{self.server_log()}")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        if self.output is not None:
            self.output.close()

    def server_log(self) -> str:
        return f"--- log of {self.name} ---\n" + (
            self.log.read_text()[-4000:] if self.log.exists() else ""
        )

    def explain(self, done) -> str:
        return (
            f"{self.name}: {' '.join(map(str, done.args[2:4]))} "
            f"exited {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}\n"
            + self.server_log()
        )


PORTAL = """
from quartiers.portals import services
from quartiers.federation import services as federation
portal = services.portal_create(
    actor=None, slug={slug!r}, name={name!r}, town={town!r},
    presentation="Un quartier.",
)
federation.portal_actor_ensure(portal)
print({result!r}, "{{}}")
"""

FOLLOW = """
import json
from quartiers.federation import services
from quartiers.federation.models import Following
from quartiers.portals.models import Portal
portal = Portal.objects.get(slug={slug!r})
following = services.following_request(portal=portal, actor_uri={remote!r})
following.refresh_from_db()
print({result!r}, json.dumps({{"state": following.state, "uri": following.actor.uri}}))
"""

PUBLISH = """
import json
from quartiers.outreach.tests.conftest import Builders
from quartiers.portals.models import Portal
page = Builders().article(Portal.objects.get(slug={slug!r}), {title!r})
print({result!r}, json.dumps({{"path": page.url}}))
"""

EDIT = """
from quartiers.newsroom.models import ArticlePage
page = ArticlePage.objects.get(title={title!r})
page.title = {new_title!r}
page.save_revision().publish()
print({result!r}, "{{}}")
"""

UNPUBLISH = """
from quartiers.newsroom.models import ArticlePage
ArticlePage.objects.get(title={title!r}).unpublish()
print({result!r}, "{{}}")
"""

RECEIVED = """
import json
from quartiers.federation.models import Follower, SharedItem
from quartiers.portals.models import Portal
portal = Portal.objects.get(slug={slug!r})
print({result!r}, json.dumps({{
    "followers": list(
        Follower.objects.filter(portal=portal).values_list("actor__uri", flat=True)
    ),
    "shared": [
        {{"name": item.name, "status": item.status, "origin": item.origin.uri,
          "url": item.url}}
        for item in SharedItem.objects.filter(portal=portal).select_related("origin")
    ],
}}))
"""


@pytest.fixture
def installs(tmp_path):
    """Two migrated installs, each serving on its own loopback address."""
    a = Install("install A", "127.0.0.1", tmp_path / "a")
    b = Install("install B", "127.0.0.2", tmp_path / "b")
    a.var.mkdir()
    b.var.mkdir()
    # Migrating takes most of the time: once, then the file is copied (the
    # portals, their keys and everything after are each install's own).
    # On a busy machine the migration alone passed two minutes: the limit
    # only stops a process that hangs.
    a.manage("migrate", "--noinput", timeout=600)
    for name in os.listdir(a.var):
        if name.startswith("quartiers.sqlite3"):
            shutil.copy(a.var / name, b.var / name)
    try:
        a.start()
        b.start()
        deadline = time.monotonic() + 30
        a.wait_ready(deadline)
        b.wait_ready(deadline)
        yield a, b
    finally:
        a.stop()
        b.stop()


def test_two_installs_follow_each_other_and_share_what_they_publish(installs):
    a, b = installs
    alpha_actor = f"{a.base_url}/alpha/fedivers"
    beta_actor = f"{b.base_url}/beta/fedivers"
    a.shell(PORTAL.format(slug="alpha", name="Alpha", town="Bobigny", result=RESULT))
    b.shell(PORTAL.format(slug="beta", name="Bêta", town="Sarcelles", result=RESULT))

    # A's portal follows B's: the Follow goes to B's server, B's Accept comes
    # back to A's server, each checking the other's signature with the key
    # read from the other's actor document.
    followed = a.shell(FOLLOW.format(slug="alpha", remote=beta_actor, result=RESULT))
    assert followed == {"state": "accepted", "uri": beta_actor}, a.server_log()

    # B follows back, then publishes: A's server receives Create + Announce.
    followed = b.shell(FOLLOW.format(slug="beta", remote=alpha_actor, result=RESULT))
    assert followed == {"state": "accepted", "uri": alpha_actor}, b.server_log()
    from_b = b.shell(
        PUBLISH.format(slug="beta", title="Le marché de Bêta", result=RESULT)
    )

    at_a = a.shell(RECEIVED.format(slug="alpha", result=RESULT))
    assert at_a["followers"] == [beta_actor]
    assert [
        (item["name"], item["status"], item["origin"]) for item in at_a["shared"]
    ] == [("Le marché de Bêta", "proposed", beta_actor)], a.server_log()
    # A reference to where it lives, on B.
    assert at_a["shared"][0]["url"] == b.base_url + from_b["path"]

    # And the other way.
    from_a = a.shell(
        PUBLISH.format(slug="alpha", title="La fête d'Alpha", result=RESULT)
    )
    at_b = b.shell(RECEIVED.format(slug="beta", result=RESULT))
    assert at_b["followers"] == [alpha_actor]
    assert [
        (item["name"], item["status"], item["origin"]) for item in at_b["shared"]
    ] == [("La fête d'Alpha", "proposed", alpha_actor)], b.server_log()
    assert at_b["shared"][0]["url"] == a.base_url + from_a["path"]

    # B edits its item: A's reference follows (Update); B unpublishes it: A's
    # reference goes (Delete).
    b.shell(
        EDIT.format(
            title="Le marché de Bêta",
            new_title="Le grand marché de Bêta",
            result=RESULT,
        )
    )
    at_a = a.shell(RECEIVED.format(slug="alpha", result=RESULT))
    assert [item["name"] for item in at_a["shared"]] == ["Le grand marché de Bêta"]
    b.shell(UNPUBLISH.format(title="Le grand marché de Bêta", result=RESULT))
    at_a = a.shell(RECEIVED.format(slug="alpha", result=RESULT))
    assert at_a["shared"] == [], a.server_log()


# --- Loopback stays refused outside this test -----------------------------------


PUBLIC = ipaddress.ip_address("93.184.216.34")  # a public address


@pytest.mark.parametrize(
    "resolved", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1"]
)
def test_a_name_that_resolves_inside_is_refused(settings, monkeypatch, resolved):
    """A remote document naming a host that points back into our network."""
    from quartiers.federation import fetch

    settings.DEBUG = False
    addresses = [PUBLIC, ipaddress.ip_address(resolved)]
    monkeypatch.setattr(fetch, "_addresses", lambda host, port: addresses)
    with pytest.raises(fetch.FetchError, match="interne"):
        fetch.check_url("https://rebond.example/inbox")
    monkeypatch.setattr(fetch, "_addresses", lambda host, port: [PUBLIC])
    fetch.check_url("https://rebond.example/inbox")


def test_a_name_that_does_not_resolve_is_refused(settings, monkeypatch):
    from quartiers.federation import fetch

    def nowhere(*args, **kwargs):
        raise socket.gaierror("Name or service not known")

    monkeypatch.setattr(fetch.socket, "getaddrinfo", nowhere)
    with pytest.raises(fetch.FetchError, match="introuvable"):
        fetch.check_url("https://nulle-part.example/inbox")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/alpha/fedivers",
        "https://127.0.0.2/inbox",
        "https://[::1]/inbox",
        "https://10.0.0.1/inbox",
        "http://masto.example/inbox",
    ],
)
def test_loopback_private_and_plain_http_are_refused_by_default(settings, url):
    from quartiers.federation.fetch import FetchError, check_url

    settings.DEBUG = False
    assert not getattr(settings, "QUARTIERS_FEDERATION_ALLOW_LOOPBACK", False)
    with pytest.raises(FetchError):
        check_url(url)


def test_the_loopback_setting_opens_loopback_only(settings, monkeypatch):
    from quartiers.federation import fetch
    from quartiers.federation.fetch import FetchError, check_url

    monkeypatch.setattr(fetch, "_addresses", lambda host, port: [PUBLIC])
    settings.DEBUG = False
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    check_url("http://127.0.0.1:8000/alpha/fedivers")
    check_url("http://127.0.0.2:8001/inbox")
    check_url("https://[::1]/inbox")
    check_url("https://masto.example/inbox")
    for url in (
        "https://10.0.0.1/inbox",
        "https://192.168.1.2/inbox",
        "http://masto.example/inbox",
        "ftp://127.0.0.1/inbox",
        "file:///etc/passwd",
    ):
        with pytest.raises(FetchError):
            check_url(url)

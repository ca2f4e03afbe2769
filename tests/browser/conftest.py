"""Browser harness: a real server, Debian's Chromium driven by Playwright, axe-core.

How it works
------------
* ``server_url`` (session) migrates and seeds a fresh SQLite database in a pytest
  temporary directory, then starts ``manage.py runserver --noreload`` on a free
  port with the ``dev`` settings, and stops it when the session ends. It never
  touches ``var/`` nor the database named by ``DATABASE_URL``.
* ``browser`` (module) launches ``/usr/bin/chromium`` through Playwright. It is
  module-scoped on purpose: Playwright's sync API runs an event loop in the test
  thread, and Django refuses database access while one is running, so the loop
  must be gone before the other tests of the session run.
* ``new_page`` opens a page in a fresh context (French, given width), optionally
  logged in as a demo account, and records uncaught JavaScript errors.
* ``login``, ``check_accessibility`` and ``save_screenshot`` are fixtures that
  return helpers. ``check_accessibility(page)`` injects
  ``node_modules/axe-core/axe.min.js`` and fails with a readable list of
  WCAG 2.2 A/AA violations (rule id, impact, selectors, help).

The tests are skipped only when Chromium or axe-core is missing (``npm ci``).
"""

from __future__ import annotations

import functools
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS_DIR = ROOT / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCALE = "fr-FR"
VIEWPORT_HEIGHT = 800
DEMO_PASSWORD = "demo-quartiers"
SERVER_START_TIMEOUT = 60  # seconds
SETUP_TIMEOUT = 900  # seconds, for migrate and seed_demo


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every test in this folder drives a browser: mark it even if the author forgot."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_requirements():
    """Skip (never fail) when the machine simply has no browser or no axe-core."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists():
        missing.append(f"{AXE_JS.relative_to(ROOT)} (npm ci)")
    if missing:
        pytest.skip("tests navigateur ignorés, absent : " + ", ".join(missing))


def _tail(text: str, lines: int = 60) -> str:
    """The end of a log: where the error is, without flooding the report."""
    kept = text.splitlines()[-lines:]
    return "\n".join(kept)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(var_dir: Path) -> dict[str, str]:
    env = os.environ.copy()
    # The browser suite always runs on its own fresh SQLite file.
    env.pop("DATABASE_URL", None)
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        env.pop(name, None)  # derived from QUARTIERS_VAR_DIR
    env.update(
        DJANGO_SETTINGS_MODULE="quartiers.config.settings.dev",
        QUARTIERS_VAR_DIR=str(var_dir),
        DEBUG="0",  # visitors' real pages (French 404), not Django's debug pages
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(*args: str, env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=SETUP_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        pytest.fail(
            f"`manage.py {' '.join(args)}` a échoué ({result.returncode}):\n"
            f"{_tail(result.stdout)}\n{_tail(result.stderr)}",
            pytrace=False,
        )


def _wait_until_up(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"le serveur s'est arrêté (code {process.returncode}):\n"
                f"{_tail(log_path.read_text(errors='replace'))}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not with 200
        except OSError:
            time.sleep(0.2)
    pytest.fail(
        f"le serveur ne répond pas sur {url} après {SERVER_START_TIMEOUT} s:\n"
        f"{_tail(log_path.read_text(errors='replace'))}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def server_url(browser_requirements, tmp_path_factory):
    """Base URL (no trailing slash) of a seeded demo server running for the session."""
    var_dir = tmp_path_factory.mktemp("browser-var")
    env = _server_env(var_dir)
    _manage("migrate", "--noinput", "-v", "0", env=env)
    _manage("seed_demo", "--quiet-logins", env=env)

    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = var_dir / "runserver.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(base_url + "/", process, log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(browser_requirements):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def _login(page, base_url: str, email: str, password: str = DEMO_PASSWORD):
    """Log in through the real login form, exactly as a resident would."""
    page.goto(base_url + "/compte/login/")
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="login"]').fill(email)
    form.locator('input[name="password"]').fill(password)
    with page.expect_navigation():
        form.locator('button[type="submit"], input[type="submit"]').first.click()
    assert "/compte/login/" not in page.url, (
        f"la connexion de {email} a échoué, toujours sur {page.url}:\n"
        + page.locator("main").inner_text()
    )
    return page


@pytest.fixture(scope="module")
def storage_states(browser, server_url):
    """Log each demo account in once per module and reuse its cookies (rate limits)."""
    states: dict[str, dict] = {}

    def get(email: str) -> dict:
        if email not in states:
            context = browser.new_context(locale=LOCALE)
            try:
                _login(context.new_page(), server_url, email)
                states[email] = context.storage_state()
            finally:
                context.close()
        return states[email]

    return get


@pytest.fixture
def new_page(browser, server_url, storage_states):
    """Factory: ``new_page(width, user=None, javascript=True)`` -> Playwright page.

    The page's uncaught JavaScript errors are collected in ``page.js_errors``.
    """
    contexts = []

    def make(width: int, user: str | None = None, *, javascript: bool = True):
        context = browser.new_context(
            locale=LOCALE,
            viewport={"width": width, "height": VIEWPORT_HEIGHT},
            java_script_enabled=javascript,
            storage_state=storage_states(user) if user else None,
        )
        contexts.append(context)
        page = context.new_page()
        page.javascript = javascript
        page.js_errors = []
        page.on("pageerror", lambda error: page.js_errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def login(server_url):
    """``login(page, email, password=DEMO_PASSWORD)`` through the real login form."""

    def do_login(page, email: str, password: str = DEMO_PASSWORD):
        return _login(page, server_url, email, password)

    return do_login


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} violation(s) axe (WCAG 2.2 A/AA) sur {url}:"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(json.dumps(t) for t in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


_AXE_RUN = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target,
      html: n.html,
      failureSummary: n.failureSummary,
    })),
  }));
}
"""


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;true"


def _check_accessibility(page) -> None:
    """Run axe-core on the loaded page; fail with every WCAG 2.2 A/AA violation."""
    # axe is JavaScript: on a page opened without it, evaluating never returns
    # and the whole run hangs. Say so at once instead.
    assert getattr(page, "javascript", True), (
        "axe needs JavaScript: check this page in a page opened with it"
    )
    # Evaluated through the browser's debugging protocol, not a <script> tag:
    # the page's Content-Security-Policy (no inline script) stays in force.
    page.evaluate(_axe_source())
    violations = page.evaluate(_AXE_RUN, AXE_TAGS)
    assert not violations, format_violations(page.url, violations)


def _save_screenshot(page, name: str) -> Path:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def check_accessibility():
    """``check_accessibility(page)``: fail with every WCAG 2.2 A/AA violation."""
    return _check_accessibility


@pytest.fixture
def save_screenshot():
    """``save_screenshot(page, name)``: full-page PNG in var/screenshots/."""
    return _save_screenshot

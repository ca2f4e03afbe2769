"""Side by side, in one run: how fast a portal's home is served.

    .venv/bin/python bench/side_by_side.py [--seconds 5] [--connections 8]

On loopback only, in a temporary folder removed at the end, it sets up:

1. nginx serving a static copy of the demo portal's home (the ceiling);
2. nginx in front of gunicorn with deploy/nginx.conf (micro-cache, gzip);
3. gunicorn with the production settings and the page cache on;
4. gunicorn with the production settings and the page cache off (every
   request draws the page from the database);
5. a default Wagtail site's home (``wagtail start``), same gunicorn;
6. the page cache on again, read by a logged-in resident (a session cookie):
   the shared page with their own account links drawn in.

Each is loaded for ``--seconds`` with ``--connections`` concurrent
connections, with wrk if installed, or a small Python loop otherwise, and the
requests per second are printed with ratios to our drawn page. gunicorn runs
``--workers`` workers (default 2, the machine's cores). Needs nginx (with
Debian's brotli module, as deploy/nginx.conf enables it) and gunicorn in the
virtualenv.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PORTAL = "/peupliers/"
PORTS = {
    "nginx-static": 8111,
    "nginx-cache": 8112,
    "gunicorn-cache": 8113,
    "gunicorn-nocache": 8114,
    "wagtail": 8115,
}
MODULES = """
load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


def run(args, env=None, cwd=ROOT):
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    if result.returncode:
        raise SystemExit(f"{' '.join(map(str, args))}:\n{result.stderr[-3000:]}")
    return result.stdout


def wait_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{url} answers {error.code}") from error
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} does not answer")


def project_env(var: Path, settings: str, page_cache: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        QUARTIERS_VAR_DIR=str(var),
        PYTHONPATH=str(ROOT),
        BENCH_PAGE_CACHE="1" if page_cache else "0",
        DEBUG="0",
    )
    env.pop("REDIS_URL", None)
    return env


def gunicorn(app, port, env, cwd, workers, log):
    return subprocess.Popen(
        [GUNICORN, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )


def nginx_config(tmp: Path, static_copy: Path) -> Path:
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{PORTS['nginx-cache']};")
    site = site.replace("/srv/avis-de-quartiers", str(tmp / "srv"))
    site = site.replace("/var/cache/nginx/avis-de-quartiers", str(tmp / "cache"))
    site = site.replace("127.0.0.1:8001", f"127.0.0.1:{PORTS['gunicorn-cache']}")
    (tmp / "site.conf").write_text(site)
    main = tmp / "nginx.conf"
    main.write_text(
        MODULES
        + f"""
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
worker_processes 1;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  include {tmp}/site.conf;
  server {{
    listen 127.0.0.1:{PORTS["nginx-static"]};
    root {static_copy};
    location / {{ index index.html; }}
  }}
}}
"""
    )
    return main


def load_wrk(url, seconds, connections, cookie=""):
    out = run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "20s",
            "--latency",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            url,
        ],
    )
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(errors.group(1)) if errors else 0
    failed = re.search(r"Socket errors: (.*)", out)
    if failed:
        print(f"  socket errors: {failed.group(1)}")
    return rps, p50, errors


def load_python(url, seconds, connections, cookie=""):
    counts, errors, stop = [0] * connections, [0], time.monotonic() + seconds
    headers = {"Cookie": cookie} if cookie else {}

    def worker(i):
        while time.monotonic() < stop:
            try:
                request = urllib.request.Request(url, headers=headers)
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
                counts[i] += 1
            except OSError:
                errors[0] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds, "-", errors[0]


RESIDENT_SESSION = """
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from importlib import import_module
user = get_user_model().objects.get(email="habitant.peupliers@example.org")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(settings.SESSION_COOKIE_NAME + "=" + session.session_key)
"""


def resident_cookie(env) -> str:
    """A logged-in demo resident's session cookie, made in the bench's database."""
    out = run([PYTHON, "manage.py", "shell", "-c", RESIDENT_SESSION], env=env)
    return out.strip().splitlines()[-1]


def wagtail_site(tmp: Path, workers: int, log):
    site = tmp / "wagtailsite"
    site.mkdir()
    run([str(Path(PYTHON).with_name("wagtail")), "start", "benchsite", str(site)])
    (site / "benchsite" / "settings" / "bench.py").write_text(
        "from .base import *  # noqa\n"
        "DEBUG = False\nALLOWED_HOSTS = ['*']\nSECRET_KEY = 'bench-only'\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="benchsite.settings.bench", PYTHONPATH=str(site))
    run([PYTHON, "manage.py", "migrate", "-v", "0"], env=env, cwd=site)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, site)
    return gunicorn(
        "benchsite.wsgi:application", PORTS["wagtail"], env, site, workers, log
    )


def main():
    args = parse_args()
    load = load_wrk if shutil.which("wrk") else load_python
    tmp = Path(tempfile.mkdtemp(prefix="quartiers-side-by-side-"))
    tmp.chmod(0o755)  # nginx's workers read the static copy
    processes = []
    try:
        var = tmp / "srv" / "var"
        dev = project_env(var, "quartiers.config.settings.dev", False)
        print("Setting up the demo database and static files…", flush=True)
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env=dev)
        run([PYTHON, "manage.py", "seed_demo", "--quiet-logins"], env=dev)
        web = project_env(var, "bench.web_settings", False)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=web)
        (tmp / "srv" / "deploy").mkdir()
        log = (tmp / "servers.log").open("w")
        workers = args.workers
        processes.append(
            gunicorn(
                "quartiers.config.wsgi:application",
                PORTS["gunicorn-nocache"],
                web,
                ROOT,
                workers,
                log,
            )
        )
        cached = project_env(var, "bench.web_settings", True)
        processes.append(
            gunicorn(
                "quartiers.config.wsgi:application",
                PORTS["gunicorn-cache"],
                cached,
                ROOT,
                workers,
                log,
            )
        )
        home = wait_up(f"http://127.0.0.1:{PORTS['gunicorn-nocache']}{PORTAL}")
        static_copy = tmp / "static-copy" / PORTAL.strip("/")
        static_copy.mkdir(parents=True)
        (static_copy / "index.html").write_bytes(home)
        config = nginx_config(tmp, static_copy.parent)
        run(["nginx", "-t", "-q", "-c", str(config), "-p", str(tmp)])
        processes.append(
            subprocess.Popen(
                ["nginx", "-c", str(config), "-p", str(tmp), "-g", "daemon off;"],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        try:
            processes.append(wagtail_site(tmp, workers, log))
        except SystemExit as error:
            print(f"Default Wagtail site not measured: {error}")
        cookie = resident_cookie(cached)
        targets = {
            "nginx, static copy of the home": ("nginx-static", ""),
            "nginx micro-cache -> gunicorn": ("nginx-cache", ""),
            "gunicorn, page cache on": ("gunicorn-cache", ""),
            "gunicorn, page cache off (drawn)": ("gunicorn-nocache", ""),
            "gunicorn, cache on, logged-in resident": ("gunicorn-cache", cookie),
            "default Wagtail home, gunicorn": ("wagtail", ""),
        }
        results = {}
        for label, (key, session) in targets.items():
            path = "/" if key == "wagtail" else PORTAL
            url = f"http://127.0.0.1:{PORTS[key]}{path}"
            try:
                body = wait_up(url)
            except SystemExit as error:
                print(f"{label}: skipped ({error})")
                log.flush()
                tail = (tmp / "servers.log").read_text(errors="replace")[-3000:]
                print("  servers' log, last lines:\n" + tail)
                continue
            load(url, 1, args.connections)  # warm up: caches, renditions
            if session:
                load(url, 1, args.connections, session)
            rps, p50, errors = load(url, args.seconds, args.connections, session)
            results[label] = rps
            print(
                f"{label:36} {rps:9.0f} req/s  p50 {p50:>8}  "
                f"{len(body) / 1024:6.1f} KB  non-2xx {errors}",
                flush=True,
            )
        base = results.get("gunicorn, page cache off (drawn)")
        if base:
            print("\nRatios to our drawn page (page cache off):")
            for label, rps in results.items():
                print(f"  {label:36} x{rps / base:7.1f}")
        wagtail = results.get("default Wagtail home, gunicorn")
        if wagtail:
            print("\nRatios to the default Wagtail home:")
            for label, rps in results.items():
                print(f"  {label:36} x{rps / wagtail:7.2f}")
        load_avg = os.getloadavg()
        print(f"\nLoad average during the run: {load_avg[0]:.1f} {load_avg[1]:.1f}")
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

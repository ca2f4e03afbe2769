"""Production settings for bench/side_by_side.py (gunicorn on loopback).

The project's production settings as they are, with what a loopback run
needs: plain HTTP, the demo database of the run, and the page cache on or
off (``BENCH_PAGE_CACHE=1``).
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from quartiers.config.settings.production import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
QUARTIERS_PAGE_CACHE_SECONDS = 60 if os.environ.get("BENCH_PAGE_CACHE") == "1" else 0

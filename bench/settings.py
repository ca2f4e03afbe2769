"""Settings of the benchmark: the project's own, on the benchmark's database.

The database comes from ``BENCH_DATABASE_URL`` (set by the scripts from
``--database-url``; default a SQLite file under var/bench/), never the
development database. Search is configured as production configures it.
"""

import os
from pathlib import Path

from quartiers.config.settings.base import *  # noqa: F403

_url = os.environ.get("BENCH_DATABASE_URL", "")
if not _url:
    raise RuntimeError(
        "Run the benchmark through bench/generate.py or bench/measure.py."
    )
if _url.startswith("sqlite:///"):
    _path = Path(_url.removeprefix("sqlite:///"))
    _path.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _path,
            # As in production on SQLite (config/settings/base.py).
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
else:
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(_url, conn_max_age=600)}

SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
QUARTIERS_REQUIRE_STAFF_2FA = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Measured as it will run: the search app and its backend, whether or not
# the project's settings have them yet.
if "quartiers.search" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "quartiers.search"]  # noqa: F405
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "quartiers.search.backend"}}
QUARTIERS_RATE_LIMITS = {**QUARTIERS_RATE_LIMITS, "search": (10**9, 60)}  # noqa: F405
ROOT_URLCONF = "bench.urls"
# measure.py repeats one address: with the page cache every request after the
# second is a cache hit. Off by default to measure the drawing of the page;
# BENCH_PAGE_CACHE=1 measures what anonymous visitors get.
QUARTIERS_PAGE_CACHE_SECONDS = 60 if os.environ.get("BENCH_PAGE_CACHE") else 0
QUARTIERS_AUDIENCE_FLUSH_SECONDS = 0
if os.environ.get("BENCH_GENERATING"):
    # generate.py only: saves neither index each page (update_index builds
    # the index once at the end) nor bump page-cache versions on disk.
    WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    CACHES = {  # noqa: F405
        **CACHES,  # noqa: F405
        "shared": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "bench-generating",
        },
    }

"""The one place where the environment is read.

Every setting that may differ between machines comes through here, so a reader
sees in one file everything an operator can set.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = env_str("REDIS_URL")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
VAR_DIR = Path(env_str("QUARTIERS_VAR_DIR", str(BASE_DIR / "var")))
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
STATIC_ROOT = env_str("STATIC_ROOT", str(VAR_DIR / "static"))
BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
# `make run HOST=… PORT=…` (dev settings only): where the demo is served, so
# that links in its emails open the address the site was started on when
# BASE_URL is not given.
BASE_URL_GIVEN = bool(os.environ.get("BASE_URL"))
DEV_HOST = env_str("HOST", "127.0.0.1")
DEV_PORT = env_str("PORT", "8000")
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Avis de Quartiers <ne-pas-repondre@example.org>"
)
EMAIL_URL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")  # database | rq | immediate
# PostgreSQL reached through PgBouncer in transaction mode (deploy/README.md).
DATABASE_PGBOUNCER = env_bool("DATABASE_PGBOUNCER", False)
# The Redis of the RQ queue; REDIS_URL (the cache's) when unset.
TASKS_REDIS_URL = env_str("TASKS_REDIS_URL")
S3_BUCKET = env_str("S3_BUCKET")
# S3-compatible object storage (any provider): its address, keys, region;
# the bucket stays private and files are read through signed addresses.
S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL")
S3_ACCESS_KEY_ID = env_str("S3_ACCESS_KEY_ID")
S3_SECRET_ACCESS_KEY = env_str("S3_SECRET_ACCESS_KEY")
S3_REGION = env_str("S3_REGION")
S3_SIGNED_URL_SECONDS = env_int("S3_SIGNED_URL_SECONDS", 600)
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", True)
# The Icecast servers whose status page the site may read ("host:port", or
# "host" for the scheme's usual port). Loopback by default: Icecast's port and
# the demo's.
ICECAST_HOSTS = env_list(
    "QUARTIERS_ICECAST_HOSTS",
    ["127.0.0.1:8000", "localhost:8000", "127.0.0.1:8010", "localhost:8010"],
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Reverse proxies in front of the app: how many append to X-Forwarded-For, or
# which header the proxy fills with the client address. Unset: none trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER")
# "json": one JSON object a line in the logs (production only); else plain text.
LOG_FORMAT = env_str("LOG_FORMAT", "text").strip().lower()

"""Settings of one install in the two-installs test: the demo settings (an
SQLite file and the shared cache in the install's own QUARTIERS_VAR_DIR, its
own BASE_URL), tasks run at once, and fediverse requests allowed over
loopback (refused by every other settings module)."""

from quartiers.config.settings.dev import *  # noqa: F403

QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
QUARTIERS_PAGE_CACHE_SECONDS = 0

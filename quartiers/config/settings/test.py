from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
QUARTIERS_ALLOW_DEMO = True
QUARTIERS_REQUIRE_STAFF_2FA = True
# One process: the shared cache need not be files; tests flush counts themselves.
CACHES["shared"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "quartiers-shared",
}
QUARTIERS_AUDIENCE_FLUSH_SECONDS = 0
# Tests count the queries of pages they draw: the page cache is turned on by
# the tests of the cache itself (outreach/tests/test_page_cache.py).
QUARTIERS_PAGE_CACHE_SECONDS = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
QUARTIERS_SERVE_MEDIA = True
MEDIA_ROOT = str(VAR_DIR / "test-media")  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {}  # noqa: F405

"""Settings for `make run`: a demo that a newcomer opens in a browser.

DEBUG stays off by default so that visitors see the real French error pages;
set DEBUG=1 in the environment to get Django's debugging pages.
"""

from quartiers.config import env

from .base import *  # noqa: F403

SECRET_KEY = env.SECRET_KEY or "dev-only-not-secret-avis-de-quartiers"
ALLOWED_HOSTS = env.ALLOWED_HOSTS or ["*"]
# Emails are kept in var/outbox/ and read at /dev/courriels/; one line each
# in the terminal instead of the whole message.
EMAIL_BACKEND = "quartiers.core.devmail.OutboxBackend"
LOGGING = {
    **LOGGING,  # noqa: F405
    "filters": {"only_problems": {"()": "quartiers.core.devmail.OnlyProblems"}},
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405
        # The worker's line per task drowned the demo logins.
        "django_tasks": {"filters": ["only_problems"]},
        "django_tasks_db": {"filters": ["only_problems"]},
    },
}
QUARTIERS_ALLOW_DEMO = True
# Links in emails open the address `make run` serves (HOST and PORT), unless
# BASE_URL says otherwise: `make run PORT=8101` gives links to 8101.
if not env.BASE_URL_GIVEN:
    _host = "127.0.0.1" if env.DEV_HOST in ("0.0.0.0", "::", "") else env.DEV_HOST  # noqa: S104 (read, not bound)
    if ":" in _host:
        _host = f"[{_host}]"
    WAGTAILADMIN_BASE_URL = f"http://{_host}:{env.DEV_PORT}"
QUARTIERS_REQUIRE_STAFF_2FA = env.REQUIRE_STAFF_2FA if env.DEBUG else False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
QUARTIERS_SERVE_MEDIA = True
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405

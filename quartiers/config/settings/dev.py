"""Settings for `make run`: a demo that a newcomer opens in a browser.

DEBUG stays off by default so that visitors see the real French error pages;
set DEBUG=1 in the environment to get Django's debugging pages.
"""

from quartiers.config import env

from .base import *  # noqa: F403

SECRET_KEY = env.SECRET_KEY or "dev-only-not-secret-avis-de-quartiers"
ALLOWED_HOSTS = env.ALLOWED_HOSTS or ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
QUARTIERS_ALLOW_DEMO = True
QUARTIERS_REQUIRE_STAFF_2FA = env.REQUIRE_STAFF_2FA if env.DEBUG else False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
QUARTIERS_SERVE_MEDIA = True
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405

"""Production settings: everything that matters comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from quartiers.config import env

from .base import *  # noqa: F403

if not env.SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
DEBUG = False
SECRET_KEY = env.SECRET_KEY
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
SECURE_SSL_REDIRECT = env.SECURE_SSL_REDIRECT
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
QUARTIERS_ALLOW_DEMO = False
QUARTIERS_REQUIRE_STAFF_2FA = True
QUARTIERS_SERVE_MEDIA = False
# deploy/nginx.conf: private files the application allowed go out through
# this internal location (X-Accel-Redirect).
QUARTIERS_MEDIA_ACCEL_REDIRECT = "/media-protege/"
if env.LOG_FORMAT == "json":
    LOGGING["formatters"] = {"json": {"()": "quartiers.core.logging.JsonFormatter"}}  # noqa: F405
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405

"""Settings shared by every environment. Read the environment only via config.env."""

from quartiers.config import env

BASE_DIR = env.BASE_DIR
PROJECT_DIR = BASE_DIR / "quartiers"
VAR_DIR = env.VAR_DIR

SECRET_KEY = env.SECRET_KEY
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    # Our apps first so their templates override Wagtail's and allauth's.
    "quartiers.core",
    "quartiers.portals",
    "quartiers.accounts",
    "quartiers.uploads",
    "quartiers.newsroom",
    "quartiers.blogs",
    "quartiers.comments",
    "quartiers.moderation",
    "quartiers.classifieds",
    "quartiers.agenda",
    "quartiers.directory",
    "quartiers.radio",
    "quartiers.tv",
    "quartiers.toolkit",
    "quartiers.stats",
    "quartiers.network",
    "quartiers.api",
    "quartiers.outreach",
    "quartiers.search",
    "quartiers.ops",
    "quartiers.lettre",
    # After the content apps: it reads their kinds from the feature registry.
    "quartiers.federation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Locked or unreachable database: 503 with Retry-After, never a 500; it
    # wraps every middleware after it (sessions and accounts read the database).
    "quartiers.core.middleware.DatabaseUnavailableMiddleware",
    # A portal that moved to another install: its addresses redirect there.
    "quartiers.ops.middleware.MovedPortalMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the NUL and text checks: their refusals reach API callers as JSON.
    "quartiers.api.middleware.ApiMiddleware",
    "quartiers.core.middleware.RejectNulMiddleware",
    "quartiers.core.middleware.CleanTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy (frame-ancestors 'none' but on widgets, which any
    # site may frame) and Permissions-Policy, from the QUARTIERS_CSP* settings.
    "quartiers.core.headers.SecurityHeadersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "quartiers.accounts.middleware.StaffTwoFactorMiddleware",
    "quartiers.accounts.middleware.ResidentsOutOfAdminMiddleware",
    # Admin URLs naming another portal's page, image or document answer 404.
    "quartiers.portals.admin_confinement.AdminConfinementMiddleware",
    # ActivityPub clients asking for an item get its object, before the
    # audience counts a view and the page cache answers HTML (federation/).
    "quartiers.federation.middleware.ActivityPubNegotiationMiddleware",
    # ETag and 304 for pages, feeds and calendars; HEAD wherever GET answers
    # (core/conditional.py). Before the audience: a 304 still counts.
    "quartiers.core.conditional.ConditionalGetMiddleware",
    # Counts page views without cookies, those served from the cache too.
    "quartiers.stats.middleware.AudienceMiddleware",
    # HEAD drawn as GET, after the audience (a HEAD is not a view).
    "quartiers.core.conditional.HeadAsGetMiddleware",
    # Anonymous pages served without the database (portals/pagecache.py).
    "quartiers.portals.pagecache.PageCacheMiddleware",
    # The same headers, written before the page cache keeps a page, so a page
    # served from it keeps what its drawing allowed (core/headers.py).
    "quartiers.core.headers.PageHeadersMiddleware",
    "quartiers.portals.middleware.PortalMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "quartiers.config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "quartiers.portals.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "quartiers.config.wsgi.application"


def _database(url: str) -> dict:
    if url:
        import dj_database_url

        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "quartiers.sqlite3",
        "OPTIONS": {
            # WAL lets the web server read while the worker writes.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database(env.DATABASE_URL)}
if env.DATABASE_URL and env.DATABASE_PGBOUNCER:
    # The pooler holds the connections; a transaction-mode pool cannot keep
    # a server-side cursor from one transaction to the next.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "pages" holds the anonymous page cache; "shared" what the web server and
# the worker must both see (page cache versions, the radio's live status):
# files in var/ on one machine, Redis as soon as REDIS_URL is set.
if env.REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.REDIS_URL,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (
            ("default", "quartiers"),
            ("pages", "quartiers-pages"),
            ("shared", "quartiers-shared"),
        )
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "quartiers",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "quartiers-pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
    }
# Anonymous pages are kept this long at most (exact invalidation aside);
# browsers may keep them this long (0: they ask each time). 0 turns it off.
QUARTIERS_PAGE_CACHE_SECONDS = 60
QUARTIERS_PAGE_CACHE_BROWSER_SECONDS = 60
QUARTIERS_PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024
# Page views are counted in memory and written this often (stats/counting.py).
QUARTIERS_AUDIENCE_FLUSH_SECONDS = 10
# Jobs run every so many seconds by manage.py run_periodic (make run and the
# systemd units start it; quartiers/ops/periodic.py): each period runs once
# whatever the number of machines. 0 turns a job off; cron stays possible.
QUARTIERS_PERIODIC_JOBS = {
    "quartiers.radio.tasks.poll_icecast": 15,
    "quartiers.ops.jobs.take_up_lost_tasks": 30,
    "quartiers.uploads.media_services.media_assets_requeue_stale": 60,
    "quartiers.classifieds.tasks.expire_ads": 3600,
    "quartiers.classifieds.tasks.remind_expiring_ads": 3600,
    "quartiers.stats.tasks.purge_old_page_views": 24 * 3600,
    "quartiers.ops.jobs.clear_expired_sessions": 24 * 3600,
    "quartiers.ops.jobs.prune_finished_tasks": 24 * 3600,
    "quartiers.directory.tasks.remind_stale_practical_info": 30 * 24 * 3600,
    # Withdraws from the fediverse what became hidden without a save.
    "quartiers.federation.tasks.sweep_all": 15 * 60,
}
# Staff who chose "un résumé par jour" get it after this hour (local time);
# the job looks every quarter of an hour and sends it once a day.
QUARTIERS_PERIODIC_JOBS["quartiers.accounts.tasks.send_staff_summaries"] = 15 * 60
QUARTIERS_STAFF_SUMMARY_HOUR = 8
# How long an invitation link to join a portal works (days).
QUARTIERS_INVITATION_DAYS = 14
# Workers beat this often; a task whose worker is silent this long is taken
# up again by another, at most this many times (quartiers/ops/workers.py).
QUARTIERS_WORKER_BEAT_SECONDS = 5
QUARTIERS_WORKER_LOST_SECONDS = 30
QUARTIERS_WORKER_MAX_LOST = 3

if env.TASKS_BACKEND == "rq":
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_rq.RQBackend",
            "QUEUES": ["default"],
        }
    }
    RQ_QUEUES = {
        "default": {
            "URL": env.TASKS_REDIS_URL or env.REDIS_URL or "redis://127.0.0.1:6379/0",
            # RQ stops a job after 3 minutes by default, a long video's
            # conversion too; the tasks bound themselves (ffmpeg's watchdog).
            "DEFAULT_TIMEOUT": 24 * 3600,
        }
    }
    INSTALLED_APPS.append("django_rq")
elif env.TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"

# --- allauth: email only, password optional, login by emailed code ---------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Long enough to read the code on another device; one new code on request.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_TIMEOUT = 30 * 60
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FORM_CLASS = "quartiers.accounts.forms.PortalSignupForm"
ACCOUNT_ADAPTER = "quartiers.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Avis de Quartiers] "
# Per address limits stay generous: a digital-help session logs in twenty
# residents from one address. The failed-login "key" is the account *and* the
# address (see accounts.adapter): bad passwords sent from elsewhere never lock
# the owner out, and login by emailed code stays open.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "30/m/ip,5/300s/key",
    "signup": "10/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
    "reset_password": "10/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_FORMS = {
    # Code requests limited per email *and* address (see accounts.login_code).
    "request_login_code": (
        "quartiers.accounts.login_code.PerAddressRequestLoginCodeForm"
    ),
}
# The client address behind a reverse proxy (core.ratelimit.client_ip); allauth
# reads it through the account adapter, and gets the same settings anyway.
QUARTIERS_TRUSTED_PROXY_COUNT = env.TRUSTED_PROXY_COUNT
QUARTIERS_TRUSTED_CLIENT_IP_HEADER = env.TRUSTED_CLIENT_IP_HEADER
ALLAUTH_TRUSTED_PROXY_COUNT = env.TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.TRUSTED_CLIENT_IP_HEADER or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Avis de Quartiers"
# Staff (animators and coordinators) must have TOTP before using the admin.
QUARTIERS_REQUIRE_STAFF_2FA = env.REQUIRE_STAFF_2FA

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = env.STATIC_ROOT
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.MEDIA_ROOT
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env.S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.S3_BUCKET,
            "endpoint_url": env.S3_ENDPOINT_URL or None,
            "access_key": env.S3_ACCESS_KEY_ID or None,
            "secret_key": env.S3_SECRET_ACCESS_KEY or None,
            "region_name": env.S3_REGION or None,
            # Private bucket: no public ACL, every address signed and short-lived.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env.S3_SIGNED_URL_SECONDS,
            "signature_version": "s3v4",
            "file_overwrite": False,
            "addressing_style": "path" if env.S3_ENDPOINT_URL else None,
        },
    }

DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
SERVER_EMAIL = env.DEFAULT_FROM_EMAIL
EMAIL_HOST = env.EMAIL_URL_HOST or "localhost"
EMAIL_PORT = env.EMAIL_PORT
EMAIL_HOST_USER = env.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = env.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = env.EMAIL_USE_TLS

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "Avis de Quartiers"
WAGTAILADMIN_BASE_URL = env.BASE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Wagtail's database backend (SQLite FTS5 / PostgreSQL full text), fed with
# French text folded and stemmed in Python so both engines match alike.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "quartiers.search.backend"}}
QUARTIERS_SEARCH_MAX_CANDIDATES = 500
WAGTAILIMAGES_IMAGE_MODEL = "uploads.PortalImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Uploaded files never run in our origin (quartiers/uploads/serving.py): only
# these folders of files we made ourselves are public under MEDIA_URL;
# documents, originals and proposals are answered by the application.
QUARTIERS_PUBLIC_MEDIA_PREFIXES = ("images/", "avatars/", "radio/pochettes/")
# Behind nginx: the internal location that sends a file the app allowed
# (X-Accel-Redirect); empty, the application streams it itself.
QUARTIERS_MEDIA_ACCEL_REDIRECT = ""
SENDFILE_BACKEND = "quartiers.uploads.serving"
WAGTAILIMAGES_IMAGE_FORM_BASE = "quartiers.uploads.image_forms.ImageForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "quartiers.uploads.documents.DocumentForm"
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "odt", "ods", "odp", "odg", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
    "rtf", "txt", "csv", "vtt", "epub", "zip",
]  # fmt: skip
WAGTAILDOCS_CONTENT_TYPES = {"vtt": "text/vtt", "txt": "text/plain", "csv": "text/csv"}
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []  # every document is a download
QUARTIERS_MAX_DOCUMENT_MB = 50
# Residents' forms (outside the admin): deploy/nginx.conf accepts requests up
# to QUARTIERS_MAX_PUBLIC_REQUEST_MB, more than a form's largest sending.
QUARTIERS_MAX_RESIDENT_AUDIO_MB = 50
QUARTIERS_MAX_PUBLIC_REQUEST_MB = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Each portal's animators are told of submissions by their group's task; the
# coordination would otherwise get every review request of every portal.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# No Gravatar: it would tell a third party who opens the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth handles password resets
WAGTAILUSERS_PASSWORD_ENABLED = True

# --- Security that holds everywhere ----------------------------------------
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "quartiers.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Content-Security-Policy of public pages: no inline script, no inline style
# but the hashes pages record (core.headers); pages add the origins they show.
QUARTIERS_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "worker-src": ["'none'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Wagtail 8's admin still writes inline scripts and styles (inline panels,
# date pickers, Draftail); its previews are framed by the admin itself.
QUARTIERS_CSP_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
QUARTIERS_CSP_ADMIN_PATHS = ["/admin/"]
# Other origins serving static or uploaded files (a CDN, object storage).
QUARTIERS_CSP_FILES_ORIGINS: list[str] = []
# Browser features, denied everywhere ("") unless a page asks for one (the
# testimony recorder asks for the microphone). Fullscreen stays the default.
QUARTIERS_PERMISSIONS_POLICY = dict.fromkeys(
    (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "browsing-topics",
    ),
    "",
)
# The maps' tile server ({z}/{x}/{y}); its origin is allowed on map pages.
QUARTIERS_MAP_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

# --- Limits of the platform (sizes, pages) ---------------------------------
QUARTIERS_HUB_PAGE_SIZE = 48
QUARTIERS_AVATAR_MAX_BYTES = 5 * 1024 * 1024
QUARTIERS_AVATAR_MAX_PIXELS = 40_000_000
QUARTIERS_ALLOW_DEMO = False
QUARTIERS_COMMENT_MAX_LENGTH = 5000
# Content is hidden until an animator decides when the weights of its open
# reports add up to the threshold. Only verified accounts weigh anything:
# anonymous reports (an email typed in a form) reach the queue, never hide.
QUARTIERS_REPORT_THRESHOLD = 3
QUARTIERS_REPORT_WEIGHTS = {"verified": 1, "trusted": 2, "animator": 3}
# (count, seconds) per action. Forms count successful saves, per account for
# logged-in residents (many share one address in a digital-help session) and
# per address for anonymous visitors; search and the API count every request.
QUARTIERS_RATE_LIMITS = {
    "submission": (10, 3600),
    "comment": (10, 600),
    "report": (10, 3600),
    "blog_post": (10, 3600),
    "ad_post": (10, 24 * 3600),
    # Messages to ad authors: per sender (account and IP), and per ad so that
    # one ad cannot be used to flood its author.
    "ad_contact": (10, 3600),
    "ad_contact_ad": (20, 24 * 3600),
    "testimony": (5, 3600),
    # Network-wide search, per IP address.
    "search": (60, 60),
    # Public JSON API reads, per IP address.
    "api": (300, 60),
    # Fediverse inboxes, per IP address and per remote server.
    "federation_inbox": (600, 60),
}
# Sound and video uploads (see quartiers/uploads/media.py).
QUARTIERS_MAX_AUDIO_MB = env.env_int("QUARTIERS_MAX_AUDIO_MB", 500)
QUARTIERS_MAX_VIDEO_MB = env.env_int("QUARTIERS_MAX_VIDEO_MB", 2048)
# The only servers the radio's Icecast status address may point at
# (quartiers/radio/icecast.py): the site fetches that address itself.
QUARTIERS_ICECAST_HOSTS = env.ICECAST_HOSTS
QUARTIERS_MAX_AUDIO_SECONDS = 4 * 3600
QUARTIERS_MAX_VIDEO_SECONDS = 3 * 3600
QUARTIERS_MAX_VIDEO_SIDE = 4096
QUARTIERS_MAX_CAPTIONS_KB = 512
QUARTIERS_MEDIA_MAX_ATTEMPTS = 3
# A sound or video "in progress" for this long means its worker died.
QUARTIERS_MEDIA_STALE_SECONDS = 600
# ffmpeg is stopped after max(120 s, duration x this factor).
QUARTIERS_MEDIA_TIMEOUT_FACTOR = 10
# How long a classified ad stays online before it expires (days).
QUARTIERS_AD_LIFETIME_DAYS = 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"quartiers": {"level": "INFO"}},
}
QUARTIERS_SERVE_MEDIA = False

# La lettre du quartier (quartiers/lettre/): follows, notifications, event
# registrations and the weekly letter.
QUARTIERS_RATE_LIMITS["follow"] = (10, 3600)
QUARTIERS_RATE_LIMITS["rsvp"] = (10, 3600)
QUARTIERS_PERIODIC_JOBS["quartiers.lettre.tasks.periodic"] = 300
# Follows a visitor never confirmed are forgotten a week later, once a day.
QUARTIERS_PERIODIC_JOBS["quartiers.lettre.tasks.purge_unconfirmed_follows"] = 86400
# The draft is composed on this weekday (0 = Monday) and goes by itself
# after the animator's review time unless sent or edited before.
QUARTIERS_LETTER_WEEKDAY = 3
QUARTIERS_LETTER_REVIEW_HOURS = 24
# The mail relay's ceiling for letters, and the size of one task's batch.
QUARTIERS_LETTER_PER_HOUR = 6000
QUARTIERS_LETTER_BATCH = 200

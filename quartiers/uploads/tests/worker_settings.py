"""Settings of the workers that test_resume_after_worker_death starts and
kills: the tests' settings on the database the test shares with them (its
PostgreSQL test database, or an SQLite file copied from its own), media in
the test's folder, the database queue, and a heartbeat lost after 2 s."""

from quartiers.config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
QUARTIERS_WORKER_BEAT_SECONDS = 0.5
QUARTIERS_WORKER_LOST_SECONDS = 2
MEDIA_ROOT = str(VAR_DIR / "media")  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["NAME"] = str(VAR_DIR / "shared.sqlite3")  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
    }

"""One archive with everything an install holds: the database and the files.

``manage.py backup`` writes a tar archive: ``manifest.json`` (when, which
schema, how many files), the database (an online copy of SQLite through its
backup API, which never blocks the site, or ``pg_dump`` in its custom
format) and every file of the default storage (local folder or object
storage alike) under ``media/``. ``manage.py restore`` puts them back into
an install of the same version: SQLite file replaced, ``pg_restore
--clean``, files written through the storage.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why."""


def _engine() -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Moteur de base non pris en charge : {engine}")


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-U", str(db.get("USER") or "")]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    return env, [*args, "-d", str(db["NAME"])]


def schema_state() -> dict[str, str]:
    """The last migration applied in each app: restoring needs the same."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections["default"]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def _storage_files(prefix: str = ""):
    directories, files = default_storage.listdir(prefix)
    for name in files:
        yield f"{prefix}{name}"
    for directory in directories:
        yield from _storage_files(f"{prefix}{directory}/")


def _dump_database(target_dir: Path) -> str:
    if _engine() == "sqlite":
        target = target_dir / "database.sqlite3"
        source = connections["default"].settings_dict["NAME"]
        if str(source) in ("", ":memory:") or "mode=memory" in str(source):
            raise BackupError("Une base SQLite en mémoire ne se sauvegarde pas.")
        # Its own connection, in autocommit: the copy never waits on a
        # transaction of this process, and writers go on during the copy.
        with sqlite3.connect(str(source), timeout=30) as src:
            with sqlite3.connect(str(target)) as dst:
                src.backup(dst, pages=1024)
        return target.name
    target = target_dir / "database.pgdump"
    env, args = _pg_env_and_args()
    run = subprocess.run(
        ["pg_dump", "-Fc", "--no-owner", "-f", str(target), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode:
        raise BackupError(f"pg_dump a échoué : {run.stderr.strip()[:500]}")
    return target.name


def backup(output: Path) -> dict:
    """Write the archive; returns its manifest (with sizes and timings)."""
    started = time.monotonic()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="quartiers-backup-") as tmp:
        work = Path(tmp)
        database_name = _dump_database(work)
        database_seconds = time.monotonic() - started
        files = sorted(_storage_files())
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": _engine(),
            "database": database_name,
            "schema": schema_state(),
            "media_files": len(files),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
        partial = output.with_name(output.name + ".partiel")
        with tarfile.open(partial, "w:gz", compresslevel=1) as archive:
            archive.add(work / "manifest.json", "manifest.json")
            archive.add(work / database_name, database_name)
            for name in files:
                with default_storage.open(name, "rb") as handle:
                    info = tarfile.TarInfo(MEDIA_PREFIX + name)
                    info.size = default_storage.size(name)
                    info.mtime = int(time.time())
                    archive.addfile(info, handle)
        partial.replace(output)
    manifest["seconds"] = round(time.monotonic() - started, 2)
    manifest["database_seconds"] = round(database_seconds, 2)
    manifest["bytes"] = output.stat().st_size
    return manifest


def _safe_member(name: str) -> bool:
    parts = Path(name).parts
    return not (name.startswith("/") or ".." in parts)


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            member = archive.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            return json.loads(member.read())
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"Ce fichier n'est pas une sauvegarde lisible ({exc}).")


def restore(archive_path: Path) -> dict:
    """Put the database and the files of the archive back; returns its
    manifest (with timings)."""
    started = time.monotonic()
    manifest = read_manifest(archive_path)
    if manifest.get("format") != FORMAT:
        raise BackupError("Format de sauvegarde inconnu.")
    if manifest.get("engine") != _engine():
        raise BackupError(
            f"Sauvegarde d'une base {manifest.get('engine')}, "
            f"cette installation utilise {_engine()}."
        )
    with tempfile.TemporaryDirectory(prefix="quartiers-restore-") as tmp:
        work = Path(tmp)
        with tarfile.open(archive_path, "r:*") as archive:
            database = archive.extractfile(manifest["database"])
            if database is None:
                raise BackupError("La base manque dans la sauvegarde.")
            with open(work / manifest["database"], "wb") as out:
                shutil.copyfileobj(database, out)
            _restore_database(work / manifest["database"])
            restored = 0
            for member in archive:
                if not (member.isfile() and member.name.startswith(MEDIA_PREFIX)):
                    continue
                name = member.name[len(MEDIA_PREFIX) :]
                if not _safe_member(name):
                    continue
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                if default_storage.exists(name):
                    default_storage.delete(name)
                default_storage.save(name, File(handle))
                restored += 1
    manifest["restored_files"] = restored
    manifest["seconds"] = round(time.monotonic() - started, 2)
    return manifest


def _restore_database(dump: Path) -> None:
    connections.close_all()
    if _engine() == "sqlite":
        target = Path(settings.DATABASES["default"]["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(str(dump)) as src:
            with sqlite3.connect(str(target), timeout=30) as dst:
                src.backup(dst)
        return
    env, args = _pg_env_and_args()
    run = subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
         *args, str(dump)],
        env=env,
        capture_output=True,
        text=True,
    )  # fmt: skip
    if run.returncode:
        raise BackupError(f"pg_restore a échoué : {run.stderr.strip()[:500]}")

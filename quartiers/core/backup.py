"""Back up and restore the site: the database, the media folder, a manifest.

One ``.tar.gz`` archive holds:

- ``database.sqlite3`` (an online copy taken with SQLite's backup API,
  consistent while the site runs) or ``database.pgdump`` (``pg_dump
  --format=custom``);
- ``media/``: the uploaded files (MEDIA_ROOT);
- ``manifest.json``: when, which database engine, and the latest migration of
  each app, so that an archive newer than the code is refused.

Used by ``manage.py backup`` and ``manage.py restore``; every failure is a
``CommandError`` with a French message, never a traceback.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_DIR = "media"
ENGINES = {"sqlite": "sqlite", "postgresql": "postgresql"}


def engine_of(db: dict) -> str:
    engine = db.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine or "postgis" in engine:
        return "postgresql"
    raise CommandError(f"Base de données non prise en charge : {engine}.")


def latest_migrations(alias: str = "default") -> dict[str, str]:
    """The last applied migration of each app, e.g. {"ads": "0007_…"}."""
    latest: dict[str, str] = {}
    recorder = MigrationRecorder(connections[alias])
    for app, name in recorder.applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


def _pg_command(program: str, db: dict) -> tuple[list[str], dict]:
    if not shutil.which(program):
        raise CommandError(
            f"{program} est introuvable : installez le client PostgreSQL "
            "(paquet postgresql-client)."
        )
    command = [program, "--no-owner"]
    if db.get("HOST"):
        command += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        command += ["--port", str(db["PORT"])]
    if db.get("USER"):
        command += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return command, env


def pg_dump_command(db: dict, output: Path) -> tuple[list[str], dict]:
    command, env = _pg_command("pg_dump", db)
    command += ["--format=custom", "--file", str(output), "--dbname", db["NAME"]]
    return command, env


def pg_restore_command(db: dict, dump: Path) -> tuple[list[str], dict]:
    command, env = _pg_command("pg_restore", db)
    command += ["--clean", "--if-exists", "--dbname", db["NAME"], str(dump)]
    return command, env


def _run(command: list[str], env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise CommandError(f"{what} a échoué : " + " / ".join(detail))


def _dump_database(alias: str, folder: Path) -> Path:
    connection = connections[alias]
    engine = engine_of(connection.settings_dict)
    if engine == "sqlite":
        target = folder / SQLITE_FILE
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target
    target = folder / PG_FILE
    command, env = pg_dump_command(connection.settings_dict, target)
    _run(command, env, "pg_dump")
    return target


def create_backup(output: Path, *, alias: str = "default", media_root=None) -> dict:
    """Write the archive to ``output``; return its manifest."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    connection = connections[alias]
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine_of(connection.settings_dict),
        "migrations": latest_migrations(alias),
    }
    output = Path(output)
    if not output.parent.is_dir():
        raise CommandError(f"Le dossier {output.parent} n'existe pas.")
    with tempfile.TemporaryDirectory() as tmp:
        dump = _dump_database(alias, Path(tmp))
        manifest_file = Path(tmp) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = output.with_name(output.name + ".partiel")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_file, MANIFEST)
            archive.add(dump, dump.name)
            if media_root.is_dir():
                archive.add(media_root, MEDIA_DIR)
        partial.replace(output)
    return manifest


# --- Restore -----------------------------------------------------------------


def read_archive(path) -> tuple[tarfile.TarFile, dict]:
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"Archive introuvable : {path}.")
    try:
        archive = tarfile.open(path, "r:gz")
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read().decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError
    except (tarfile.TarError, KeyError, AttributeError, ValueError, OSError, EOFError):
        raise CommandError(
            f"{path} n'est pas une sauvegarde lisible (archive abîmée ou "
            "manifest.json absent)."
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("engine") not in ENGINES:
        archive.close()
        raise CommandError(f"{path} : manifeste de sauvegarde inconnu.")
    return archive, manifest


def check_manifest(manifest: dict, db: dict) -> None:
    engine = engine_of(db)
    if manifest["engine"] != engine:
        raise CommandError(
            f"Cette sauvegarde vient d'une base {manifest['engine']}, la base "
            f"configurée est {engine} : restauration impossible."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    migrations = manifest.get("migrations")
    if not isinstance(migrations, dict):
        raise CommandError("Manifeste de sauvegarde incomplet (migrations).")
    unknown = sorted(
        f"{app}.{name}" for app, name in migrations.items() if (app, name) not in known
    )
    if unknown:
        raise CommandError(
            "Cette sauvegarde est plus récente que le code installé (migrations "
            "inconnues : " + ", ".join(unknown[:5]) + "). Mettez d'abord "
            "l'application à jour."
        )


def target_has_data(db: dict, media_root: Path, alias: str = "default") -> bool:
    """Files in the media folder, or an account in the target database."""
    from django.contrib.auth import get_user_model

    if media_root.is_dir() and any(media_root.iterdir()):
        return True
    users = get_user_model()
    if db is not connections[alias].settings_dict:
        # Another SQLite file than the site's (tests, a copy being prepared).
        name = str(db["NAME"])
        if engine_of(db) != "sqlite" or not Path(name).is_file():
            return False
        table = users._meta.db_table
        with sqlite3.connect(name) as conn:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [table]
            ).fetchone()
            query = f'SELECT 1 FROM "{table}" LIMIT 1'  # noqa: S608 (a model's table)
            return bool(found and conn.execute(query).fetchone())
    connection = connections[alias]
    if users._meta.db_table not in connection.introspection.table_names():
        return False
    return users._default_manager.using(alias).exists()


def _extract_member(archive: tarfile.TarFile, name: str, folder: Path) -> Path:
    try:
        archive.extract(name, folder, filter="data")
    except (KeyError, tarfile.TarError, OSError):
        raise CommandError(f"La sauvegarde ne contient pas {name} lisible.") from None
    return folder / name


def _restore_database(archive, manifest, db: dict, folder: Path, alias: str) -> None:
    if manifest["engine"] == "sqlite":
        dump = _extract_member(archive, SQLITE_FILE, folder)
        name = str(db["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            raise CommandError("La base configurée est en mémoire : rien à restaurer.")
        connections[alias].close()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(name)
        try:
            source.execute("PRAGMA integrity_check").fetchone()
            source.backup(target)
        except sqlite3.DatabaseError:
            raise CommandError("La base de la sauvegarde est abîmée.") from None
        finally:
            source.close()
            target.close()
        return
    dump = _extract_member(archive, PG_FILE, folder)
    connections[alias].close()
    command, env = pg_restore_command(db, dump)
    _run(command, env, "pg_restore")


def _restore_media(archive: tarfile.TarFile, media_root: Path, folder: Path) -> int:
    members = [
        m
        for m in archive.getmembers()
        if m.name == MEDIA_DIR or m.name.startswith(MEDIA_DIR + "/")
    ]
    staging = folder / "restored"
    staging.mkdir()
    try:
        archive.extractall(staging, members=members, filter="data")
    except (tarfile.TarError, OSError):
        raise CommandError("Les médias de la sauvegarde sont illisibles.") from None
    restored = staging / MEDIA_DIR
    restored.mkdir(exist_ok=True)
    media_root.mkdir(parents=True, exist_ok=True)
    for child in list(media_root.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    count = 0
    for child in restored.iterdir():
        shutil.move(str(child), media_root / child.name)
    for _root, _dirs, files in os.walk(media_root):
        count += len(files)
    return count


def restore_backup(
    path, *, overwrite: bool, alias: str = "default", db=None, media_root=None
) -> dict:
    """Restore the archive at ``path``; return what was restored."""
    db = db or connections[alias].settings_dict
    media_root = Path(media_root or settings.MEDIA_ROOT)
    archive, manifest = read_archive(path)
    with archive:
        check_manifest(manifest, db)
        if not overwrite and target_has_data(db, media_root, alias):
            raise CommandError(
                "La base ou le dossier des médias contient déjà des données : "
                "la restauration les remplacerait. Relancez avec --yes pour "
                "confirmer."
            )
        with tempfile.TemporaryDirectory() as tmp:
            _restore_database(archive, manifest, db, Path(tmp), alias)
            files = _restore_media(archive, media_root, Path(tmp))
    return {"manifest": manifest, "media_files": files}

"""manage.py backup / restore: one archive, a database and the media, restorable."""

import io
import json
import shutil
import sqlite3
import subprocess
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from quartiers.core import backup
from tests.factories import png_bytes

SQLITE = connection.vendor == "sqlite"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _photo(title="Photo de la fête de quartier"):
    from wagtail.images.models import Image

    return Image.objects.create(
        title=title, file=ContentFile(png_bytes(), name="fete.png")
    )


def _backup(tmp_path) -> tuple:
    out = io.StringIO()
    archive = tmp_path / "sauvegarde.tar.gz"
    call_command("backup", "--output", str(archive), stdout=out)
    assert "Sauvegarde écrite" in out.getvalue()
    return archive, out.getvalue()


@pytest.mark.django_db
def test_archive_holds_manifest_database_and_media(media, tmp_path):
    image = _photo()
    archive, _out = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert f"media/{image.file.name}" in names
    assert manifest["engine"] == connection.vendor
    assert manifest["migrations"]["wagtailimages"]
    assert manifest["migrations"]["accounts"]
    assert manifest["created_at"]
    assert (backup.SQLITE_FILE if SQLITE else backup.PG_FILE) in names


@pytest.mark.skipif(not SQLITE, reason="SQLite round trip")
@pytest.mark.django_db
def test_sqlite_round_trip_into_a_fresh_database_and_media_folder(media, tmp_path):
    image = _photo()
    archive, _out = _backup(tmp_path)

    target_db = tmp_path / "restauree.sqlite3"
    target_media = tmp_path / "medias-restaures"
    db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(target_db)}
    result = backup.restore_backup(
        archive, overwrite=False, db=db, media_root=target_media
    )
    assert result["media_files"] >= 1
    with sqlite3.connect(target_db) as conn:
        row = conn.execute(
            "SELECT file FROM wagtailimages_image WHERE title = ?", [image.title]
        ).fetchone()
        users = conn.execute("SELECT email FROM accounts_user").fetchall()
    assert row == (image.file.name,)
    assert ("coordination@example.org",) in users
    assert (target_media / image.file.name).read_bytes() == png_bytes()

    # A second restore into the same place replaces data: it needs --yes.
    with pytest.raises(CommandError, match="--yes"):
        backup.restore_backup(archive, overwrite=False, db=db, media_root=target_media)
    (target_media / "en-trop.txt").write_text("ancien")
    backup.restore_backup(archive, overwrite=True, db=db, media_root=target_media)
    assert not (target_media / "en-trop.txt").exists()
    assert (target_media / image.file.name).exists()


@pytest.mark.django_db
def test_restore_refuses_without_yes_when_the_site_has_data(media, tmp_path):
    archive, _out = _backup(tmp_path)
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [None, b"", b"pas une archive", b"\x1f\x8b\x08\x00tronque"],
    ids=["missing", "empty", "text", "truncated-gzip"],
)
def test_missing_or_corrupt_archive_gives_a_french_message(tmp_path, content):
    path = tmp_path / "abimee.tar.gz"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), "--yes")
    assert "introuvable" in str(error.value) or "pas une sauvegarde" in str(error.value)


def _rewrite_manifest(archive, tmp_path, **changes):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        tar.extractall(tmp_path / "x", filter="data")
    manifest.update(changes)
    (tmp_path / "x" / "manifest.json").write_text(json.dumps(manifest))
    other = tmp_path / "modifiee.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        for child in (tmp_path / "x").iterdir():
            tar.add(child, child.name)
    return other, manifest


@pytest.mark.django_db
def test_restore_refuses_an_archive_newer_than_the_code(media, tmp_path):
    archive, _out = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        migrations = json.load(tar.extractfile("manifest.json"))["migrations"]
    migrations["accounts"] = "9999_venue_du_futur"
    newer, _manifest = _rewrite_manifest(archive, tmp_path, migrations=migrations)
    with pytest.raises(CommandError, match="plus récente que le code"):
        call_command("restore", str(newer), "--yes")


@pytest.mark.django_db
def test_restore_refuses_another_engine(media, tmp_path):
    archive, _out = _backup(tmp_path)
    other = "postgresql" if SQLITE else "sqlite"
    changed, _manifest = _rewrite_manifest(archive, tmp_path, engine=other)
    with pytest.raises(CommandError, match="restauration impossible"):
        call_command("restore", str(changed), "--yes")


def test_postgresql_commands_carry_the_configured_connection(tmp_path):
    db = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "quartiers",
        "USER": "site",
        "PASSWORD": "secret",
        "HOST": "db.internal",
        "PORT": "5433",
    }
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        with pytest.raises(CommandError, match="postgresql-client"):
            backup.pg_dump_command(db, tmp_path / "d")
        return
    dump, env = backup.pg_dump_command(db, tmp_path / "d")
    assert env["PGPASSWORD"] == "secret"
    assert "--format=custom" in dump and "--no-owner" in dump
    assert dump[dump.index("--host") + 1] == "db.internal"
    assert dump[dump.index("--port") + 1] == "5433"
    assert dump[dump.index("--username") + 1] == "site"
    assert dump[dump.index("--dbname") + 1] == "quartiers"
    restore, env = backup.pg_restore_command(db, tmp_path / "d")
    assert {"--clean", "--if-exists", "--no-owner"} <= set(restore)
    assert restore[-1] == str(tmp_path / "d")
    assert env["PGPASSWORD"] == "secret"


@pytest.mark.skipif(
    SQLITE or not shutil.which("pg_restore"), reason="PostgreSQL with pg_dump"
)
@pytest.mark.django_db
def test_postgresql_dump_is_readable_by_pg_restore(media, tmp_path):
    # The session's fixtures (portals, accounts) are committed: pg_dump sees them.
    archive, _out = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        tar.extract(backup.PG_FILE, tmp_path, filter="data")
    listing = subprocess.run(
        ["pg_restore", "--list", str(tmp_path / backup.PG_FILE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "accounts_user" in listing
    assert "wagtailimages_image" in listing

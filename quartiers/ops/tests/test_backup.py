"""A backup restored into a fresh install finds the same content.

Each install runs in its own processes with its own database (a SQLite file,
or a PostgreSQL database when the suite runs on PostgreSQL) and its own files
folder, as an operator would run them."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]

READ = """
import json
from django.core.files.storage import default_storage
from quartiers.portals.models import Portal
from wagtail.models import Page
portal = Portal.objects.get(slug="les-tilleuls")
print(json.dumps({
    "name": portal.name,
    "pages": Page.objects.descendant_of(portal.home_page, inclusive=True).count(),
    "titles": sorted(Page.objects.descendant_of(portal.home_page).values_list("title", flat=True)),
    "file": default_storage.open("documents/bonjour.txt").read().decode(),
}))
"""

WRITE_FILE = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
default_storage.save("documents/bonjour.txt", ContentFile("Bonjour les Tilleuls".encode()))
"""


def _json(output: str):
    return json.loads(output.strip().splitlines()[-1])


def _postgres_url(name: str) -> str:
    base = settings.DATABASES["default"]
    host = base.get("HOST") or "127.0.0.1"
    port = base.get("PORT") or 5432
    user = base.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{name}"


class Install:
    """One install: its settings, database and files, used by manage.py."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "quartiers.config.settings.dev",
            "QUARTIERS_VAR_DIR": str(folder),
            "MEDIA_ROOT": str(folder / "media"),
            "TASKS_BACKEND": "database",
        }
        self.env.pop("DATABASE_URL", None)
        self.database = None
        if ON_POSTGRES:
            self.database = f"quartiers_ops_{uuid.uuid4().hex[:10]}"
            self.manage("shell", "-c", f"""
import psycopg
with psycopg.connect({_postgres_url("postgres")!r}, autocommit=True) as c:
    c.execute('CREATE DATABASE "{self.database}"')
""", database=False)  # fmt: skip
            self.env["DATABASE_URL"] = _postgres_url(self.database)

    def manage(self, *args: str, database: bool = True) -> str:
        env = self.env if database else {**self.env, "DATABASE_URL": ""}
        run = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        return run.stdout

    def drop(self) -> None:
        if self.database:
            self.manage("shell", "-c", f"""
import psycopg
with psycopg.connect({_postgres_url("postgres")!r}, autocommit=True) as c:
    c.execute('DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
""", database=False)  # fmt: skip


@pytest.fixture
def installs(tmp_path):
    made = []

    def make(name):
        install = Install(tmp_path / name)
        made.append(install)
        return install

    yield make
    for install in made:
        install.drop()


def test_a_backup_restored_into_a_fresh_install_has_the_same_content(installs):
    old = installs("ancienne")
    old.manage("migrate", "--noinput", "-v", "0")
    old.manage(
        "create_portal", "--slug", "les-tilleuls", "--name", "Les Tilleuls",
        "--town", "Saint-Denis",
    )  # fmt: skip
    old.manage("shell", "-c", WRITE_FILE)
    before = _json(old.manage("shell", "-c", READ))
    archive = old.folder / "sauvegarde.tar.gz"
    out = old.manage("backup", "--output", str(archive))
    assert "Sauvegarde écrite" in out and archive.stat().st_size > 0

    new = installs("nouvelle")  # nothing in it, not even the tables
    out = new.manage("restore", str(archive), "--yes")
    assert "restaurée" in out
    after = _json(new.manage("shell", "-c", READ))
    assert after == before
    assert after["file"] == "Bonjour les Tilleuls"
    assert after["pages"] > 3
    # The restored install is complete: no migration left to apply.
    assert "[ ]" not in new.manage("showmigrations", "--plan")


def test_restore_refuses_a_file_that_is_not_a_backup(installs, tmp_path):
    install = installs("vide")
    bogus = tmp_path / "pas-une-sauvegarde.tar.gz"
    bogus.write_bytes(b"bonjour")
    run = subprocess.run(
        [sys.executable, "manage.py", "restore", str(bogus), "--yes"],
        cwd=ROOT,
        env=install.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode != 0
    assert "pas une sauvegarde lisible" in run.stderr
    assert "Traceback" not in run.stderr

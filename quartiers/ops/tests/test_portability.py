"""A portal moves out: ``export_portal`` then ``import_portal``.

The round trip seeds portal A with content of every kind (the apps' own demo
seeders), exports it, and imports the archive into a second install (its own
database, migrated in a subprocess, and its own files folder), then compares
what both installs show. The other tests import into this install itself,
where the portal's address is taken, and try broken archives.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from quartiers.ops.portability import (
    PortabilityError,
    export_portal,
    graph,
    import_portal,
)
from quartiers.portals.features import registry
from quartiers.portals.models import Portal

ROOT = Path(__file__).resolve().parents[3]
ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
NOT_AGREED = "habitant.alpha@example.org"

# What a visitor and an animator find of a portal, read the same way on both
# installs (here in the test process, there through ``manage.py shell``).
SUMMARY = r"""
import hashlib, json, re
from django.apps import apps
from django.test import Client
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from quartiers.ops.portability import graph
from quartiers.portals.models import Portal

def summary(slug):
    portal = Portal.objects.get(slug=slug)
    home = Page.objects.get(pk=portal.home_page_id)
    pages = {}
    for page in Page.objects.filter(path__startswith=home.path).specific():
        fields = {}
        for f in type(page)._meta.concrete_fields:
            if f.is_relation or f.primary_key or f.name in (
                "path", "url_path", "translation_key", "latest_revision_created_at",
                "draft_title", "slug", "title", "live", "uid",
            ):
                continue
            value = f.value_from_object(page)
            if isinstance(f, StreamField):
                value = f.get_prep_value(value)
            text = json.dumps(value, sort_keys=True, default=str)
            if isinstance(f, (RichTextField, StreamField)):
                text = re.sub(r"\d+", "#", text)
            fields[f.name] = text
        key = page.url_path[len(home.url_path):]
        pages[key] = {
            "title": page.title,
            "slug": page.slug if page.pk != home.pk else "",
            "live": page.live,
            "kind": page._meta.label,
            "revisions": page.revisions.count(),
            "fields": fields,
        }
    counts = {}
    for root, pks in graph.portal_rows(portal).items():
        for model in graph.owned_models():
            if graph.root_label(model) == root:
                n = model._base_manager.filter(pk__in=pks).count()
                if n:
                    counts[model._meta.label] = n
    files = {}
    for model in graph.owned_models():
        files_fields = [f for f in model._meta.local_concrete_fields if f.get_internal_type() == "FileField" or f.get_internal_type() == "ImageField"]
        if not files_fields or model._meta.label not in counts:
            continue
        pks = graph.portal_rows(portal).get(graph.root_label(model), ())
        for obj in model._base_manager.filter(pk__in=pks):
            for f in files_fields:
                ff = getattr(obj, f.attname)
                if ff:
                    with ff.open("rb") as handle:
                        files[f"{model._meta.label}:{obj}:{f.name}"] = hashlib.sha256(handle.read()).hexdigest()
    Comment = apps.get_model("comments.Comment")
    comments = sorted(
        [c.page.url_path[len(home.url_path):], c.body, c.author.email if c.author else c.author_name, c.status]
        for c in Comment.objects.filter(portal=portal).select_related("page", "author")
    )
    Membership = apps.get_model("accounts.Membership")
    members = sorted(
        [m.user.email, m.role, m.user.groups.filter(pk=portal.animator_group_id).exists()]
        for m in Membership.objects.filter(portal=portal).select_related("user")
    )
    client = Client(HTTP_HOST="localhost")
    public = {}
    for page in Page.objects.filter(path__startswith=home.path, live=True).order_by("path")[:25]:
        url = f"/{slug}/" + page.url_path[len(home.url_path):]
        response = client.get(url, follow=True)
        title = re.search(rb"<title>(.*?)</title>", response.content, re.S)
        public[page.url_path[len(home.url_path):]] = [
            response.status_code, title.group(1).decode().strip() if title else ""
        ]
    return {"pages": pages, "counts": counts, "files": files, "comments": comments,
            "members": members, "public": public}
"""


def _summary(slug: str) -> dict:
    scope: dict = {}
    exec(SUMMARY, scope)  # the same code the other install runs
    return json.loads(json.dumps(scope["summary"](slug), default=str))


def _postgres_url(name: str) -> str:
    base = settings.DATABASES["default"]
    host = base.get("HOST") or "127.0.0.1"
    port = base.get("PORT") or 5432
    user = base.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{name}"


class Install:
    """Another install: its own database and files, driven by manage.py."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
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
            self.database = f"quartiers_move_{uuid.uuid4().hex[:10]}"
            self._admin(f'CREATE DATABASE "{self.database}"')
            self.env["DATABASE_URL"] = _postgres_url(self.database)

    def _admin(self, sql: str) -> None:
        self.run("shell", "-c", f"""
import psycopg
with psycopg.connect({_postgres_url("postgres")!r}, autocommit=True) as c:
    c.execute({sql!r})
""", env={**self.env, "DATABASE_URL": ""})  # fmt: skip

    def run(self, *args: str, env=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    def manage(self, *args: str) -> str:
        run = self.run(*args)
        assert run.returncode == 0, run.stdout + run.stderr
        return run.stdout

    def drop(self) -> None:
        if self.database:
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


# The demo seeders that make the checks below meaningful at a small cost
# (pages with photos, comments, ads, events, actors); the round trip to the
# other install runs them all.
LIGHT = {
    "directory",
    "toolkit",
    "newsroom-journal",
    "agenda",
    "classifieds",
    "comments",
}


def _seed_every_kind(portal, *, only: set[str] | None = None) -> None:
    from quartiers.classifieds import services as classifieds
    from quartiers.comments import services as comments
    from quartiers.core import devmail

    seeders = sorted(registry._demo_seeders.items(), key=lambda item: item[1][0])
    with devmail.quiet():
        for name, (_order, seed) in seeders:
            if only is None or name in only:
                seed(portal)
        # The resident who will not agree to move has written too.
        resident = apps.get_model("accounts.User").objects.get(
            email=f"habitant.{portal.slug}@example.org"
        )
        article = (
            apps.get_model("newsroom.ArticlePage")
            .objects.live()
            .descendant_of(portal.home_page)
            .first()
        )
        comments.comment_create(
            portal=portal,
            actor=resident,
            page=article,
            body="Merci pour cet article, on en parlait justement au marché.",
        )
        classifieds.ad_create(
            portal=portal,
            actor=resident,
            kind="don",
            title="Poussette en bon état",
            text="Je donne une poussette, à venir chercher près de l'école.",
        )


def _agreed_file(tmp_path: Path, portal) -> Path:
    emails = [
        email
        for email in portal.memberships.values_list("user__email", flat=True)
        if email != NOT_AGREED
    ]
    path = tmp_path / "accord.txt"
    path.write_text("# membres d'accord\n" + "\n".join(emails) + "\n")
    return path


def _link_pages_and_images(portal) -> tuple[str, str]:
    """An article whose text links another page and shows a photo."""
    ArticlePage = apps.get_model("newsroom.ArticlePage")
    PortalImage = apps.get_model("uploads.PortalImage")
    article, other = list(
        ArticlePage.objects.filter(portal=portal)
        if hasattr(ArticlePage, "portal")
        else ArticlePage.objects.descendant_of(portal.home_page)
    )[:2]
    image = PortalImage.objects.filter(
        collection__path__startswith=portal.collection.path
    ).first()
    article.body = [
        (
            "paragraph",
            f'<p>Lire aussi <a linktype="page" id="{other.pk}">la suite</a>.</p>'
            f'<embed embedtype="image" id="{image.pk}" format="left" alt="photo"/>',
        ),
    ]
    article.save()
    return article.title, other.title


def _rebuild(source: Path, target: Path, *, drop=(), manifest_change=None) -> None:
    """Write a copy of an archive without some members or with another manifest."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            if member.name in drop:
                continue
            data = old.extractfile(member).read()
            if member.name == "manifest.json" and manifest_change:
                manifest = json.loads(data)
                manifest_change(manifest)
                data = json.dumps(manifest).encode()
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))


def _state():
    Page = apps.get_model("wagtailcore.Page")
    return (
        Portal.objects.count(),
        Page.objects.count(),
        apps.get_model("accounts.User").objects.count(),
    )


# -- the model graph ------------------------------------------------------------


def test_every_model_is_either_found_as_portal_owned_or_listed_as_not_exported():
    """A new app's models are found from the graph, or listed with a reason:
    none can be forgotten by the move."""
    assert graph.unclassified_models() == []


def test_the_lists_name_models_that_exist_and_do_not_overlap():
    listed = [*graph.PEOPLE, *graph.REFERENCES, *graph.NOT_EXPORTED]
    assert len(listed) == len(set(listed))
    for label in listed:
        try:
            apps.get_model(label)  # a model renamed or removed fails here
        except LookupError:
            assert label in graph.ENGINE_SPECIFIC, label
    owned = {graph.label(m) for m in graph.owned_models()}
    assert not owned & set(listed)
    # Content of every app is among the owned models.
    for label in ("comments.Comment", "agenda.Event", "classifieds.Ad",
                  "directory.LocalActor", "radio.ScheduleSlot", "tv.Programme",
                  "stats.DailyVisits", "lettre.Follow", "federation.Follower",
                  "wagtailcore.Revision", "wagtailcore.PageLogEntry",
                  "taggit.TaggedItem", "moderation.Report"):  # fmt: skip
        assert label in owned, label


def test_the_rows_of_a_portal_never_include_another_portals(portal_a, portal_b):
    _seed_every_kind(portal_b, only=LIGHT)
    rows = graph.portal_rows(portal_a)
    Page = apps.get_model("wagtailcore.Page")
    b_pages = set(
        Page.objects.filter(path__startswith=portal_b.home_page.path).values_list(
            "pk", flat=True
        )
    )
    assert rows["portals.Portal"] == {portal_a.pk}
    assert not rows["wagtailcore.Page"] & b_pages
    assert portal_a.home_page_id in rows["wagtailcore.Page"]
    for label in (
        "comments.Comment",
        "agenda.Event",
        "classifieds.Ad",
        "accounts.Membership",
    ):
        model = apps.get_model(label)
        assert not model.objects.filter(
            pk__in=rows.get(label, ()), portal=portal_b
        ).exists()
    assert rows["auth.Group"] == {portal_a.animator_group_id}


# -- into this install ------------------------------------------------------------


@pytest.fixture
def archive(portal_a, tmp_path):
    _seed_every_kind(portal_a, only=LIGHT)
    path = tmp_path / "alpha.tar.gz"
    manifest = export_portal(
        slug="alpha",
        output=path,
        agreed_emails=_agreed_file(tmp_path, portal_a).read_text().split(),
    )
    return path, manifest


def test_members_who_did_not_agree_stay_behind_and_their_words_are_unsigned(
    archive, portal_a
):
    path, manifest = archive
    with tarfile.open(path) as tar:
        data = json.loads(tar.extractfile("rows.json").read())
    emails = [row["fields"]["email"] for row in data["rows"]["accounts.User"]]
    assert NOT_AGREED not in emails and "animation.alpha@example.org" in emails
    assert NOT_AGREED not in json.dumps(data)
    Comment = apps.get_model("comments.Comment")
    theirs = set(
        Comment.objects.filter(author__email=NOT_AGREED).values_list("pk", flat=True)
    )
    assert theirs
    exported = {row["pk"]: row["fields"] for row in data["rows"]["comments.Comment"]}
    for pk in theirs:
        assert exported[pk]["author_id"] is None
        assert exported[pk]["author_name"] == "ancien·ne participant·e"
    # Their ads go, as they would with a deleted account.
    Ad = apps.get_model("classifieds.Ad")
    their_ads = set(
        Ad.objects.filter(author__email=NOT_AGREED).values_list("pk", flat=True)
    )
    assert their_ads
    assert not their_ads & {row["pk"] for row in data["rows"].get("classifieds.Ad", [])}
    assert manifest["members_agreed"] == portal_a.memberships.count() - 1


def test_where_the_address_is_taken_the_import_takes_another_slug(archive, portal_a):
    """Refused without --slug; with it, a full copy beside the first portal."""
    path, _manifest = archive
    before = _state()
    with pytest.raises(PortabilityError, match="existe déjà.*--slug"):
        import_portal(path=path)
    assert _state() == before
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("import_portal", str(path))

    users = apps.get_model("accounts.User").objects.count()
    out = io.StringIO()
    call_command("import_portal", str(path), "--slug", "alpha-bis", stdout=out)
    assert "importé à l'adresse /alpha-bis/" in out.getvalue()
    copy = Portal.objects.get(slug="alpha-bis")
    assert copy.pk != portal_a.pk
    # Every member already had an account here: joined, nobody duplicated.
    assert apps.get_model("accounts.User").objects.count() == users
    old, new = _summary("alpha"), _summary("alpha-bis")
    assert new["pages"] == old["pages"]
    assert new["files"] == old["files"] and new["files"]
    assert new["public"] == old["public"]
    # The copy has its own animators' group; the first keeps its own.
    assert copy.animator_group_id != portal_a.animator_group_id
    assert [m for m in new["members"] if m[1] == "animator"][0][2] is True


def test_broken_archives_are_refused_in_french_and_nothing_is_written(
    archive, tmp_path
):
    path, _manifest = archive
    before, files_before = _state(), _files()

    truncated = tmp_path / "coupee.tar.gz"
    truncated.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(PortabilityError, match="abîmé|incomplet"):
        import_portal(path=truncated, slug="alpha-coupee")

    other_format = tmp_path / "format.tar.gz"
    _rebuild(path, other_format, manifest_change=lambda m: m.update(format=99))
    with pytest.raises(PortabilityError, match="format 99"):
        import_portal(path=other_format, slug="alpha-format")
    with pytest.raises(CommandError, match="format"):
        call_command("import_portal", str(other_format), "--slug", "alpha-format")

    def older(manifest):
        manifest["schema"]["portals"] = manifest["schema"]["portals"][:-1]

    other_version = tmp_path / "version.tar.gz"
    _rebuild(path, other_version, manifest_change=older)
    with pytest.raises(PortabilityError, match="autre version.*portals"):
        import_portal(path=other_version, slug="alpha-version")

    with tarfile.open(path) as tar:
        a_file = next(n for n in tar.getnames() if n.startswith("files/"))
    # Announced but absent: refused before anything is written.
    missing = tmp_path / "manque.tar.gz"
    _rebuild(path, missing, drop={a_file})
    with pytest.raises(PortabilityError, match="Il manque"):
        import_portal(path=missing, slug="alpha-manque")

    # Absent and not announced: found while importing, once rows and other
    # files are written; every row is undone and those files removed.
    unannounced = tmp_path / "sans-annonce.tar.gz"
    _rebuild(
        path,
        unannounced,
        drop={a_file},
        manifest_change=lambda m: m["members"].pop(a_file),
    )
    with pytest.raises(PortabilityError, match="manque dans l'archive"):
        import_portal(path=unannounced, slug="alpha-sans")

    not_an_archive = tmp_path / "bonjour.tar.gz"
    not_an_archive.write_bytes(b"bonjour")
    with pytest.raises(CommandError, match="pas une archive de portail lisible"):
        call_command("import_portal", str(not_an_archive))

    assert _state() == before
    assert not _from_archive(path, _files() - files_before)


def _from_archive(path: Path, names: set[str]) -> set[str]:
    """The files among ``names`` that an import of this archive wrote (other
    tests running at the same time may write to the same storage)."""
    with tarfile.open(path) as tar:
        stems = {Path(n).stem for n in tar.getnames() if n.startswith("files/")}
    return {n for n in names if any(Path(n).name.startswith(s) for s in stems)}


def _files() -> set[str]:
    def walk(prefix=""):
        try:
            directories, files = default_storage.listdir(prefix)
        except FileNotFoundError:
            return
        for name in files:
            yield prefix + name
        for directory in directories:
            yield from walk(f"{prefix}{directory}/")

    return set(walk())


# -- into another install ------------------------------------------------------------


@pytest.fixture
def other_install(tmp_path):
    install = Install(tmp_path / "nouvelle")
    yield install
    install.drop()


def test_a_portal_exported_here_and_imported_there_shows_the_same(
    portal_a, tmp_path, other_install
):
    _seed_every_kind(portal_a)
    linking, linked = _link_pages_and_images(portal_a)
    path = tmp_path / "alpha.tar.gz"
    out = io.StringIO()
    call_command(
        "export_portal", "--slug", "alpha", "--output", str(path),
        "--agreed", str(_agreed_file(tmp_path, portal_a)), stdout=out,
    )  # fmt: skip
    assert "exporté" in out.getvalue()
    with tarfile.open(path) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    before = _summary("alpha")

    other_install.manage("migrate", "--noinput", "-v", "0")
    said = other_install.manage("import_portal", str(path))
    assert "importé à l'adresse /alpha/" in said
    run = other_install.manage(
        "shell", "-c", SUMMARY + "\nprint(json.dumps(summary('alpha'), default=str))"
    )
    after = json.loads(run.strip().splitlines()[-1])

    assert after["pages"] == before["pages"]
    assert after["files"] == before["files"] and after["files"]
    assert after["public"] == before["public"]
    assert all(status == 200 for status, _title in after["public"].values())
    # Every row of the archive is there, nothing more.
    people = set(graph.PEOPLE)
    expected = {k: v for k, v in manifest["counts"].items() if k not in people}
    assert {k: v for k, v in after["counts"].items() if k not in people} == expected
    for label in (
        "agenda.Event",
        "radio.ScheduleSlot",
        "tv.VideoPage",
        "stats.DailyVisits",
    ):
        assert after["counts"][label] == before["counts"][label]
    # Comments on the same pages; the resident who stayed behind is unsigned.
    expected_comments = sorted(
        [page, body, "ancien·ne participant·e" if who == NOT_AGREED else who, status]
        for page, body, who, status in before["comments"]
    )
    assert after["comments"] == expected_comments
    assert after["members"] == [m for m in before["members"] if m[0] != NOT_AGREED]
    # The link inside the text leads to the same page over there.
    check = other_install.manage("shell", "-c", f"""
import re
from quartiers.newsroom.models import ArticlePage
from wagtail.models import Page
page = ArticlePage.objects.get(title={linking!r})
html = page.body.raw_data[0]["value"]
link = re.search(r'linktype="page" id="(\\d+)"', html).group(1)
image = re.search(r'embedtype="image" id="(\\d+)"', html).group(1)
from quartiers.uploads.models import PortalImage
print(Page.objects.get(pk=link).title, "|", PortalImage.objects.get(pk=image).collection.name)
""")  # fmt: skip
    title, collection = check.strip().splitlines()[-1].split(" | ")
    assert title == linked
    assert "alpha" in collection

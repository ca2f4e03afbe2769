"""``import_portal``: an archive becomes a portal of this install.

Everything is checked before anything is written (the archive whole, the
same migrations, the address free); then every row is inserted in one
transaction with a new primary key, its links rewritten through the map of
old to new ids, the page tree placed under this install's hub, the files
written through the storage. Any failure undoes the rows and removes the
files already written: nothing is left half-imported.
"""

import graphlib
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.text import slugify
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from quartiers.accounts import services as account_services
from quartiers.portals import pagecache
from quartiers.portals import services as portal_services
from quartiers.portals.features import registry
from quartiers.portals.models import (
    HubPage,
    Portal,
    PortalSlugAlias,
    validate_portal_slug,
)

from . import graph, rekey
from .archive import PortabilityError, Reader, schema_differences, schema_state
from .export import FILE_FOLDERS
from .files import Files
from .people import PeopleAndReferences, insert_row

USER = "accounts.User"
REVISION = "wagtailcore.Revision"
# model -> (kind field, id field): items named by their content kind.
KIND_KEYS = {"federation.FederatedObject": ("kind", "object_id")}
# Unique names given another one when taken, instead of leaving the row.
RENAMED_WHEN_TAKEN = {("auth.Group", "name")}


class Importer(PeopleAndReferences, Files):
    def __init__(self, data: dict, reader: Reader, slug: str):
        self.rows: dict[str, list] = data.get("rows") or {}
        self.references: dict[str, dict] = data.get("references") or {}
        self.context: dict = data.get("context") or {}
        self.reader = reader
        self.slug = slug
        self.maps: dict[str, dict[str, object]] = defaultdict(dict)
        self.deferred: list[tuple] = []
        self.members: set[str] = set()
        self.moved: dict[str, str] = {}
        self.imported: dict[str, list] = defaultdict(list)
        self.left_behind: dict[str, int] = defaultdict(int)
        self.joined = 0
        self.written: list[str] = []
        self.pending_roots: set[str] = set()

    def lookup(self, root: str, old) -> Any:
        if old is None:
            return None
        return self.maps.get(root, {}).get(str(old))

    # -- content rows ----------------------------------------------------
    @staticmethod
    def _plain(field, value):
        if value is None or isinstance(field, (models.JSONField, StreamField)):
            return value
        if isinstance(field, models.FileField):
            return value
        return field.to_python(value)

    def order(self) -> list[str]:
        content = [name for name in self.rows if name not in graph.PEOPLE]
        present = set(content)
        generic = {n for n in content if graph.generic_pairs(apps.get_model(n))}
        linked = {
            graph.PAGE,
            settings.WAGTAILIMAGES_IMAGE_MODEL,
            "wagtaildocs.Document",
        }
        sorter: graphlib.TopologicalSorter = graphlib.TopologicalSorter()
        for name in content:
            model = apps.get_model(name)
            deps = {graph.label(p) for p in model._meta.parents} & present
            for field in graph.foreign_keys(model):
                target = graph.root_label(field.related_model)
                if (
                    not field.null
                    and target in present
                    and target != graph.root_label(model)
                ):
                    deps.add(target)
            if any(
                isinstance(f, (RichTextField, StreamField))
                for f in model._meta.local_concrete_fields
            ):
                # Links and embeds inside the text name pages, images, documents.
                deps |= (linked & present) - {name, graph.root_label(model)}
            if name in generic or name in KIND_KEYS:
                deps |= present - generic - {name}
                if name != REVISION and REVISION in present:
                    deps.add(REVISION)
            sorter.add(name, *deps)
        try:
            return list(sorter.static_order())
        except graphlib.CycleError as exc:
            raise PortabilityError(
                f"Ordre d'import impossible (cycle entre {exc.args[1]})."
            ) from None

    def run(self) -> Portal:
        self.map_references()
        self.write_files()
        self.map_people()
        self.place_trees()
        order = self.order()
        self.pending_roots = {graph.root_label(apps.get_model(n)) for n in order}
        for name in order:
            model = apps.get_model(name)
            for row in self.rows[name]:
                self.insert(model, row)
        for model, pk, attname, root, old in self.deferred:
            new = self.lookup(root, old)
            if new is not None:
                model._base_manager.filter(pk=pk).update(**{attname: new})
        self.set_many_to_many()
        portal = Portal.objects.get(
            pk=self.lookup(graph.PORTAL, self.context["portal"])
        )
        self.finish(portal)
        return portal

    def place_trees(self) -> None:
        Page = apps.get_model(graph.PAGE)
        hub = portal_services.hub_page()
        last = hub.get_last_child()
        path = last._inc_path() if last else Page._get_path(hub.path, hub.depth + 1, 1)
        self.home = {
            "old_path": self.context["home_path"],
            "path": path,
            "depth": hub.depth + 1 - len(self.context["home_path"]) // Page.steplen,
            "old_url": self.context["home_url_path"],
            "url": f"{hub.url_path}{self.slug}/",
        }
        Page._base_manager.filter(pk=hub.pk).update(numchild=models.F("numchild") + 1)
        self.collection = None
        if self.context.get("collection_path"):
            Collection = apps.get_model(graph.COLLECTION)
            root = Collection.get_first_root_node()
            last = root.get_last_child()
            self.collection = {
                "old_path": self.context["collection_path"],
                "path": last._inc_path()
                if last
                else Collection._get_path(root.path, root.depth + 1, 1),
                "depth": root.depth
                + 1
                - len(self.context["collection_path"]) // Collection.steplen,
            }
            Collection._base_manager.filter(pk=root.pk).update(
                numchild=models.F("numchild") + 1
            )

    def _tree(self, tree: dict, obj) -> None:
        obj.path = tree["path"] + obj.path[len(tree["old_path"]) :]
        obj.depth = obj.depth + tree["depth"]

    def _fix_page(self, model, out: dict) -> None:
        if isinstance(out.get("path"), str) and out["path"].startswith(
            self.home["old_path"]
        ):
            out["path"] = self.home["path"] + out["path"][len(self.home["old_path"]) :]
        url = out.get("url_path")
        if isinstance(url, str) and url.startswith(self.home["old_url"]):
            out["url_path"] = self.home["url"] + url[len(self.home["old_url"]) :]
        if out.get("path") == self.home["path"]:
            out["slug"] = self.slug

    def insert(self, model, row: dict) -> None:
        name = graph.label(model)
        root = graph.root_label(model)
        fields = row["fields"]
        obj = model()
        later = []
        for field in model._meta.local_concrete_fields:
            if field.primary_key:
                if field.is_relation:  # a child table, or a row keyed by another
                    target = (
                        root
                        if field.remote_field.parent_link
                        else graph.root_label(field.related_model)
                    )
                    new = self.lookup(target, row["pk"])
                    if new is None:
                        self.left_behind[name] += 1
                        return
                    setattr(obj, field.attname, new)
                elif not isinstance(field, models.AutoField):
                    setattr(obj, field.attname, self._plain(field, row["pk"]))
                continue
            if field.attname not in fields:
                continue
            value = fields[field.attname]
            if field.is_relation and value is not None:
                target = graph.root_label(field.related_model)
                new = self.lookup(target, value)
                if new is None and target in self.pending_roots and field.null:
                    later.append((field.attname, target, value))
                elif new is None and not field.null:
                    self.left_behind[name] += 1
                    return
                value = new
            elif isinstance(field, RichTextField) and value:
                value = rekey.rich_text(value, self.lookup)
            elif isinstance(field, StreamField) and value is not None:
                value = rekey.stream_field(field, value, self.lookup)
            elif isinstance(field, models.FileField) and value:
                value = self.file_name(value)
            elif (name, field.name) in FILE_FOLDERS and value:
                value = self.file_name(value, folder=True)
            else:
                value = self._plain(field, value)
            setattr(obj, field.attname, value)
        if not self._generic_keys(model, obj):
            self.left_behind[name] += 1
            return
        if name == graph.PAGE:
            self._tree(self.home, obj)
            obj.url_path = self.home["url"] + obj.url_path[len(self.home["old_url"]) :]
            if obj.path == self.home["path"]:
                obj.slug = self.slug
        elif name == graph.COLLECTION and self.collection:
            self._tree(self.collection, obj)
        elif name == graph.PORTAL:
            obj.slug = self.slug
        elif name == "wagtailcore.Site":
            obj.is_default_site = False
        elif name == REVISION:
            content_model = ContentType.objects.get_for_id(
                obj.content_type_id
            ).model_class()
            obj.content = rekey.serialized(
                content_model, obj.content, self.lookup, self._fix_page
            )
        if not self._unique(model, obj):
            self.left_behind[name] += 1
            return
        insert_row(obj, model)
        self.maps[root][str(row["pk"])] = obj.pk
        self.imported[name].append(obj.pk)
        for attname, target, old in later:
            self.deferred.append((model, obj.pk, attname, target, old))

    def _generic_keys(self, model, obj) -> bool:
        for ct_field, id_field in graph.generic_pairs(model):
            ct_id = getattr(obj, model._meta.get_field(ct_field).attname)
            old = getattr(obj, id_field)
            if ct_id is None or old in (None, ""):
                continue
            target = ContentType.objects.get_for_id(ct_id).model_class()
            new = self.lookup(graph.root_label(target), old) if target else None
            if new is None:
                return False
            setattr(obj, id_field, str(new) if isinstance(old, str) else new)
        kind_key = KIND_KEYS.get(graph.label(model))
        if kind_key:
            kind = registry.content_kind(getattr(obj, kind_key[0]))
            if kind is None:
                return False
            kind_root = graph.root_label(apps.get_model(kind.model))
            new = self.lookup(kind_root, getattr(obj, kind_key[1]))
            if new is None:
                return False
            setattr(obj, kind_key[1], new)
        return True

    def _unique(self, model, obj) -> bool:
        """A unique value taken on this install: a new one when it is a
        generated key, another name for a group, else the row stays out."""
        manager = model._base_manager
        checks: list[tuple[str, ...]] = [
            (f.name,)
            for f in model._meta.local_concrete_fields
            if f.unique and not f.primary_key and not f.is_relation
        ]
        checks += [tuple(t) for t in model._meta.unique_together]
        checks += [
            tuple(c.fields)
            for c in model._meta.constraints
            if isinstance(c, models.UniqueConstraint)
            and c.fields
            and c.condition is None
        ]
        for names in checks:
            fields = [model._meta.get_field(n) for n in names]
            if any(f.name in ("path",) for f in fields):
                continue  # tree paths were placed where nothing is
            lookup = {f.attname: getattr(obj, f.attname) for f in fields}
            if any(v is None for v in lookup.values()):
                continue
            if not manager.filter(**lookup).exists():
                continue
            generated = [f for f in fields if isinstance(f, models.UUIDField)]
            if generated:
                for f in generated:
                    setattr(obj, f.attname, uuid.uuid4())
                continue
            renamed = [
                f for f in fields if (graph.label(model), f.name) in RENAMED_WHEN_TAKEN
            ]
            if renamed:
                base = getattr(obj, renamed[0].attname)
                for n in range(2, 100):
                    candidate = f"{base} ({n})"
                    if not manager.filter(**{renamed[0].attname: candidate}).exists():
                        setattr(obj, renamed[0].attname, candidate)
                        break
                continue
            return False
        return True

    def set_many_to_many(self) -> None:
        for name, rows in self.rows.items():
            if name in graph.PEOPLE:
                continue
            model = apps.get_model(name)
            root = graph.root_label(model)
            for field in model._meta.local_many_to_many:
                if not field.remote_field.through._meta.auto_created:
                    continue
                target = graph.root_label(field.related_model)
                for row in rows:
                    new = self.lookup(root, row["pk"])
                    ids = [
                        i
                        for i in (
                            self.lookup(target, old)
                            for old in row["fields"].get(field.name, [])
                        )
                        if i is not None
                    ]
                    if new is not None and ids:
                        getattr(model._base_manager.get(pk=new), field.name).set(ids)

    # -- after -----------------------------------------------------------
    def finish(self, portal: Portal) -> None:
        Membership = apps.get_model("accounts.Membership")
        for membership in Membership.objects.filter(portal=portal).select_related(
            "user"
        ):
            account_services.sync_animator_group(membership.user, portal)
        for name, pks in self.imported.items():
            model = apps.get_model(name)
            if name == graph.PAGE or not index.class_is_indexed(model):
                continue
            for chunk in graph._chunks(pks):
                for obj in model._base_manager.filter(pk__in=chunk):
                    index.insert_or_update_object(obj)
        pagecache.bump_portal_cache(portal.pk)


def _check_slug(slug: str) -> None:
    if slugify(slug) != slug or not slug:
        raise PortabilityError(
            f"« {slug} » ne convient pas comme identifiant : lettres minuscules, "
            "chiffres et tirets seulement."
        )
    try:
        validate_portal_slug(slug)
    except ValidationError as exc:
        raise PortabilityError(" ".join(exc.messages)) from None
    hub = HubPage.objects.first()
    if (
        Portal.objects.filter(slug=slug).exists()
        or PortalSlugAlias.objects.filter(old_slug=slug).exists()
        or (hub is not None and hub.get_children().filter(slug=slug).exists())
    ):
        raise PortabilityError(
            f"Un portail « {slug} » existe déjà sur cette installation (ou cette "
            "adresse est prise). Choisissez un autre identifiant avec --slug."
        )


def import_portal(*, path: Path, slug: str | None = None) -> dict:
    """Load an archive as a new portal; returns what was imported."""
    started = time.monotonic()
    reader = Reader(path)
    try:
        manifest = reader.manifest
        differences = schema_differences(manifest.get("schema") or {}, schema_state())
        if differences:
            raise PortabilityError(
                "Cette archive vient d'une autre version de l'application ; "
                "mettez les deux installations à la même version "
                "(manage.py migrate) avant d'importer. Différences : "
                + " ; ".join(differences[:10])
            )
        reader.verify()
        data = reader.rows()
        target = slug or (manifest.get("portal") or {}).get("slug") or ""
        _check_slug(target)
        importer = Importer(data, reader, target)
        try:
            with transaction.atomic():
                portal = importer.run()
        except PortabilityError:
            importer.remove_written_files()
            raise
        except (DatabaseError, ValueError, TypeError, KeyError, LookupError) as exc:
            importer.remove_written_files()
            raise PortabilityError(
                "L'import a échoué ; rien n'a été écrit sur cette installation. "
                f"Cause : {exc.__class__.__name__} : {exc}"
            ) from exc
        except BaseException:
            importer.remove_written_files()
            raise
    finally:
        reader.close()
    return {
        "portal": portal,
        "counts": {name: len(pks) for name, pks in sorted(importer.imported.items())},
        "left_behind": dict(sorted(importer.left_behind.items())),
        "joined": importer.joined,
        "files": len(importer.written),
        "seconds": round(time.monotonic() - started, 2),
    }

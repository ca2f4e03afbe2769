"""``export_portal``: everything a portal owns, in one archive.

Rows are written as they are, with their old primary keys; the import
re-keys them. Personal data leaves only for the members who agreed to move
with their neighbourhood: what the others wrote stays, credited to nobody,
the way an account deletion that keeps contributions leaves it
(``accounts.services.account_delete``); what only makes sense with its
author (an ad, a report, a registration to an event) stays behind, as it
would go with a deleted account.
"""

import json
import time
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from wagtail.fields import StreamField

from quartiers.comments.models import FORMER_PARTICIPANT

from . import graph
from .archive import (
    FILES,
    FORMAT,
    KIND,
    ROWS,
    PortabilityError,
    Writer,
    dumps,
    schema_state,
)

USER = "accounts.User"
# model -> (person field, name field): the name shown once the person is gone.
NAME_OF_FORMER = {
    "comments.Comment": ("author", "author_name"),
    "newsroom.ArticleAuthor": ("user", "name"),
}
# model -> person field: the row goes with a person who does not come along.
GONE_WITH_PERSON = {
    "classifieds.Ad": "author",
    "moderation.Report": "reporter",
    "lettre.Attendance": "user",
}
# Email fields that are a public contact, not a person's address.
PUBLIC_EMAILS = {
    ("portals.Portal", "contact_email"),
    ("directory.LocalActor", "email"),
}
# Char fields naming a folder of files in the storage (HLS segments).
FILE_FOLDERS = {("uploads.MediaAsset", "hls_playlist")}
USER_FIELDS_NOT_MOVED = {"id", "is_staff", "is_superuser"}


def _value(field, obj):
    if isinstance(field, StreamField):
        raw = field.get_prep_value(field.value_from_object(obj))
        return json.loads(raw) if isinstance(raw, str) else raw
    if isinstance(field, models.FileField):
        return getattr(obj, field.attname).name or ""
    if field.is_relation:
        return getattr(obj, field.attname)
    return field.value_from_object(obj)


def _m2m(model) -> list:
    return [
        f
        for f in model._meta.local_many_to_many
        if f.remote_field.through._meta.auto_created
    ]


class Export:
    def __init__(self, portal, agreed: set[str]):
        self.portal = portal
        self.agreed_emails = agreed
        self.people: set = set()
        self.rows: dict[str, list] = {}
        self.references: dict[str, set] = defaultdict(set)
        self.files: set[str] = set()
        self.folders: set[str] = set()
        self.left_behind: dict[str, int] = defaultdict(int)

    # -- people ---------------------------------------------------------
    def collect_people(self) -> None:
        User = apps.get_model(USER)
        members = User.objects.filter(memberships__portal=self.portal)
        self.people = set(
            members.filter(email__in=self.agreed_emails).values_list("pk", flat=True)
        )
        users = User.objects.filter(pk__in=self.people).order_by("pk")
        self.rows[USER] = [self._row(User, user, person=True) for user in users]
        EmailAddress = apps.get_model("account.EmailAddress")
        self.rows["account.EmailAddress"] = [
            self._row(EmailAddress, row, person=True)
            for row in EmailAddress.objects.filter(user__in=self.people).order_by("pk")
        ]
        Subscriber = apps.get_model("lettre.Subscriber")
        subscribers = Subscriber.objects.filter(
            models.Q(user__in=self.people)
            | models.Q(user__isnull=True, email__in=self.agreed_emails)
        ).order_by("pk")
        self.rows["lettre.Subscriber"] = [
            self._row(Subscriber, row, person=True) for row in subscribers
        ]
        self.subscribers = {row["pk"] for row in self.rows["lettre.Subscriber"]}

    def _person_ok(self, field, value) -> bool:
        target = graph.label(field.related_model)
        if target == USER:
            return value in self.people
        if target == "lettre.Subscriber":
            return value in self.subscribers
        return True

    # -- rows -----------------------------------------------------------
    def _row(self, model, obj, *, person: bool = False) -> dict | None:
        name = graph.label(model)
        fields: dict = {}
        for field in model._meta.local_concrete_fields:
            if field.primary_key or (person and field.name in USER_FIELDS_NOT_MOVED):
                continue
            value = _value(field, obj)
            if field.is_relation and value is not None:
                target = graph.label(field.related_model)
                if target in graph.PEOPLE and not self._person_ok(field, value):
                    if GONE_WITH_PERSON.get(name) == field.name or not field.null:
                        return None
                    value = None
                    former = NAME_OF_FORMER.get(name)
                    if former and former[0] == field.name:
                        fields[former[1]] = str(FORMER_PARTICIPANT)
                elif target in graph.REFERENCES:
                    self.references[target].add(value)
            if (
                isinstance(field, models.EmailField)
                and value
                and not person
                and (name, field.name) not in PUBLIC_EMAILS
                and value.lower() not in self.agreed_emails
            ):
                if not field.blank:
                    return None
                value = ""
            if isinstance(field, models.FileField) and value:
                self.files.add(value)
            if (name, field.name) in FILE_FOLDERS and value:
                self.folders.add(value.rsplit("/", 1)[0])
            fields.setdefault(field.attname, value)
        for field in _m2m(model):
            ids = list(getattr(obj, field.name).values_list("pk", flat=True))
            target = graph.label(field.related_model)
            if target in graph.REFERENCES:
                self.references[target].update(ids)
            fields[field.name] = ids
        return {"pk": obj.pk, "fields": fields}

    def collect_rows(self) -> None:
        selected = graph.portal_rows(self.portal)
        for model in graph.owned_models():
            pks = selected.get(graph.root_label(model))
            if not pks:
                continue
            rows = []
            for chunk in graph._chunks(sorted(pks, key=str)):
                for obj in model._base_manager.filter(pk__in=chunk).order_by("pk"):
                    row = self._row(model, obj)
                    if row is None:
                        self.left_behind[graph.label(model)] += 1
                    else:
                        rows.append(row)
            if rows:
                self.rows[graph.label(model)] = rows
        self._prune()

    def _prune(self) -> None:
        """A row that needs a row left behind stays behind too (the photo of
        an ad that stays, the child table of a page that stays), so that the
        archive holds exactly what the other install will load."""
        changed = True
        while changed:
            changed = False
            kept = {
                name: {row["pk"] for row in rows} for name, rows in self.rows.items()
            }
            for name in list(self.rows):
                if name in graph.PEOPLE:
                    continue
                model = apps.get_model(name)
                needs = [
                    ("" if f.primary_key else f.attname, graph.label(f.related_model))
                    for f in graph.foreign_keys(model)
                    if not f.null
                    and graph.label(f.related_model) not in graph.PEOPLE
                    and graph.label(f.related_model) not in graph.REFERENCES
                ] + [("", graph.label(parent)) for parent in model._meta.parents]
                pairs = graph.generic_pairs(model)
                rows = [
                    row
                    for row in self.rows[name]
                    if all(
                        (row["fields"].get(attname) if attname else row["pk"])
                        in kept.get(target, ())
                        for attname, target in needs
                    )
                    and all(
                        self._generic_kept(model, row, pair, kept) for pair in pairs
                    )
                ]
                if len(rows) != len(self.rows[name]):
                    self.left_behind[name] += len(self.rows[name]) - len(rows)
                    self.rows[name] = rows
                    changed = True

    @staticmethod
    def _generic_kept(model, row: dict, pair: tuple[str, str], kept: dict) -> bool:
        ct_field, id_field = pair
        ct_id = row["fields"].get(model._meta.get_field(ct_field).attname)
        object_id = row["fields"].get(id_field)
        if ct_id is None or object_id in (None, ""):
            return True
        target = ContentType.objects.get_for_id(ct_id).model_class()
        if target is None:
            return False
        ids = kept.get(graph.label(target)) or kept.get(graph.root_label(target), ())
        return str(object_id) in {str(pk) for pk in ids}

    def reference_rows(self) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for name, pks in self.references.items():
            model = apps.get_model(name)
            key = graph.REFERENCES[name]
            found = {}
            for obj in model._base_manager.filter(pk__in=pks):
                if name == "auth.Permission":
                    value = {
                        "app_label": obj.content_type.app_label,
                        "model": obj.content_type.model,
                        "codename": obj.codename,
                    }
                elif name in graph.CREATABLE_REFERENCES:
                    value = self._row(model, obj)["fields"]  # type: ignore[index]
                else:
                    value = {k: getattr(obj, k) for k in key}
                found[str(obj.pk)] = value
            out[name] = found
        return out

    def folder_files(self) -> set[str]:
        names: set[str] = set()
        for folder in self.folders:
            try:
                _dirs, files = default_storage.listdir(folder)
            except OSError:
                continue
            names.update(f"{folder}/{name}" for name in files)
        return names


def export_portal(*, slug: str, output: Path, agreed_emails=()) -> dict:
    """Write the archive of one portal; returns its manifest with figures."""
    started = time.monotonic()
    Portal = apps.get_model(graph.PORTAL)
    portal = Portal.objects.filter(slug=slug).first()
    if portal is None:
        raise PortabilityError(f"Aucun portail « {slug} » sur cette installation.")
    work = Export(portal, {e.strip().lower() for e in agreed_emails if e.strip()})
    work.collect_people()
    work.collect_rows()
    home = apps.get_model(graph.PAGE).objects.get(pk=portal.home_page_id)
    collection = (
        apps.get_model(graph.COLLECTION).objects.filter(pk=portal.collection_id).first()
    )
    data = {
        "rows": work.rows,
        "references": work.reference_rows(),
        "context": {
            "portal": portal.pk,
            "slug": portal.slug,
            "home_path": home.path,
            "home_url_path": home.url_path,
            "collection_path": collection.path if collection else None,
        },
    }
    files = sorted(work.files | work.folder_files())
    writer = Writer(output)
    try:
        writer.add_bytes(ROWS, dumps(data))
        for name in files:
            if not default_storage.exists(name):
                raise PortabilityError(
                    f"Le fichier « {name} » manque dans le stockage de cette "
                    "installation : réparez-le (ou retirez le contenu) puis "
                    "relancez l'export."
                )
            with default_storage.open(name, "rb") as handle:
                writer.add_file(FILES + name, handle, default_storage.size(name))
        manifest = {
            "kind": KIND,
            "format": FORMAT,
            "created_at": timezone.now(),
            "portal": {"slug": portal.slug, "name": portal.name},
            "schema": schema_state(),
            "counts": {name: len(rows) for name, rows in sorted(work.rows.items())},
            "left_behind": dict(sorted(work.left_behind.items())),
            "members_agreed": len(work.people),
            "files": len(files),
        }
        writer.close(manifest)
    except BaseException:
        writer.abort()
        raise
    manifest["seconds"] = round(time.monotonic() - started, 2)
    manifest["bytes"] = output.stat().st_size
    return manifest

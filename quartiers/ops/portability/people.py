"""The rows every install has or shares (references), and the people who
move with their portal: matched on this install before the content comes.
Part of ``importer.Importer``."""

import secrets
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, models
from django.utils.text import slugify

from . import graph

USER = "accounts.User"


def insert_row(obj, model=None) -> None:
    """Insert one row as it is, like ``loaddata`` but without signals: a
    portal that moves is not new content (no email, no notification, no
    federation delivery; caches and search are done once at the end). Only
    the model's own table: a parent row of a multi-table model was inserted
    by itself before."""
    model = model or type(obj)
    obj._save_table(raw=True, cls=model, force_insert=True, using=DEFAULT_DB_ALIAS)
    obj._state.adding = False
    obj._state.db = DEFAULT_DB_ALIAS


class PeopleAndReferences:
    """Fills ``self.maps`` for references and people (see ``Importer``)."""

    references: dict[str, dict]
    rows: dict[str, list]
    maps: dict[str, dict[str, Any]]
    imported: dict[str, list]
    joined: int

    # Given by the Importer and Files.
    lookup: Callable[[str, Any], Any]
    file_name: Callable[..., str]
    _plain: Callable[[Any, Any], Any]

    def map_references(self) -> None:
        for name, rows in self.references.items():
            model = apps.get_model(name)
            for old, value in rows.items():
                obj = None
                if name == "contenttypes.ContentType":
                    obj = ContentType.objects.filter(**value).first()
                elif name == "auth.Permission":
                    obj = model.objects.filter(
                        content_type__app_label=value["app_label"],
                        content_type__model=value["model"],
                        codename=value["codename"],
                    ).first()
                elif name == "wagtailcore.Locale":
                    obj, _ = model.objects.get_or_create(**value)
                else:
                    key = {k: value[k] for k in graph.REFERENCES[name]}
                    obj = model._base_manager.filter(**key).first()
                    if obj is None and name in graph.CREATABLE_REFERENCES:
                        obj = self._create_reference(model, value)
                if obj is not None:
                    self.maps[graph.root_label(model)][str(old)] = obj.pk

    def _create_reference(self, model, value: dict):
        obj = model()
        for field in model._meta.local_concrete_fields:
            if field.attname in value and not field.primary_key:
                setattr(obj, field.attname, self._plain(field, value[field.attname]))
        if hasattr(obj, "slug") and model._base_manager.filter(slug=obj.slug).exists():
            obj.slug = f"{slugify(obj.slug)[:80]}-{secrets.token_hex(3)}"
        obj.save()
        return obj

    def map_people(self) -> None:
        User = apps.get_model(USER)
        new_users = set()
        for row in self.rows.get(USER, []):
            fields = row["fields"]
            existing = User.objects.filter(email__iexact=fields["email"]).first()
            if existing is not None:
                # The person already has an account here: joined, never overwritten.
                self.maps[USER][str(row["pk"])] = existing.pk
                self.joined += 1
                continue
            user = User(is_staff=False, is_superuser=False)
            for field in User._meta.local_concrete_fields:
                if field.attname in fields and not field.primary_key:
                    value = self._plain(field, fields[field.attname])
                    if isinstance(field, models.FileField) and value:
                        value = self.file_name(value)
                    setattr(user, field.attname, value)
            insert_row(user)
            self.maps[USER][str(row["pk"])] = user.pk
            new_users.add(user.pk)
            self.imported[USER].append(user.pk)
        EmailAddress = apps.get_model("account.EmailAddress")
        for row in self.rows.get("account.EmailAddress", []):
            user_id = self.lookup(USER, row["fields"]["user_id"])
            if (
                user_id not in new_users
                or EmailAddress.objects.filter(
                    email__iexact=row["fields"]["email"]
                ).exists()
            ):
                continue
            address = EmailAddress(
                user_id=user_id,
                email=row["fields"]["email"],
                verified=row["fields"]["verified"],
                primary=row["fields"]["primary"],
            )
            insert_row(address)
        Subscriber = apps.get_model("lettre.Subscriber")
        for row in self.rows.get("lettre.Subscriber", []):
            fields = dict(row["fields"])
            user_id = self.lookup(USER, fields.get("user_id"))
            existing = Subscriber.objects.filter(
                models.Q(email__iexact=fields["email"])
                | models.Q(user_id=user_id, user_id__isnull=False)
            ).first()
            if existing is None:
                existing = Subscriber()
                for field in Subscriber._meta.local_concrete_fields:
                    if field.attname in fields and not field.primary_key:
                        setattr(
                            existing,
                            field.attname,
                            self._plain(field, fields[field.attname]),
                        )
                existing.user_id = user_id
                insert_row(existing)
            self.maps["lettre.Subscriber"][str(row["pk"])] = existing.pk

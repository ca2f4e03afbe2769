"""Which rows a portal owns, found from the model graph.

Nothing here names the content apps: a portal owns

- its ``Portal`` row, the pages under its home page and the collections under
  its collection (tree path prefixes);
- what these rows point to as their own (``FORWARD_OWNED``: the animators'
  group, the review workflow and its tasks);
- every row that points to an owned row through a foreign key (a comment on
  one of its pages, an event of the portal, a photo of an ad), or through a
  content type and an object id (revisions, log entries, tags, reports);

and so on until nothing new turns up. A new app's models are found the same
way; ``tests/test_portability.py`` fails for a model that is neither found
nor listed below, so the next app cannot be forgotten.

Three small lists say what is deliberately treated otherwise:

- ``PEOPLE``: accounts and what hangs on them, exported only for the members
  who agreed to move with their neighbourhood;
- ``REFERENCES``: rows every install has (content types, permissions,
  locales) or shares between portals (tags, remote fediverse actors),
  matched on the other install by a natural key;
- ``NOT_EXPORTED``: network-wide rows, this install's own machinery, caches
  and work in progress, with the reason.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

PEOPLE = {
    "accounts.User": "exporté seulement pour les membres qui ont accepté",
    "account.EmailAddress": "les adresses des membres qui ont accepté",
    "lettre.Subscriber": "abonné·es qui ont accepté (compte ou adresse)",
}

# label -> the fields that find the same row on the other install.
REFERENCES: dict[str, tuple[str, ...]] = {
    "contenttypes.ContentType": ("app_label", "model"),
    "auth.Permission": ("content_type", "codename"),
    "wagtailcore.Locale": ("language_code",),
    "taggit.Tag": ("name",),
    "federation.RemoteActor": ("uri",),
}
# References created on the other install when it does not have them yet.
CREATABLE_REFERENCES = {"taggit.Tag", "federation.RemoteActor"}

NOT_EXPORTED: dict[str, str] = {
    "sessions.Session": "connexions ouvertes sur cette installation",
    "django_tasks_database.DBTaskResult": "file de tâches de cette installation",
    "federation.Delivery": "envois en attente de cette installation",
    "ops.WorkerBeat": "machinerie de cette installation",
    "ops.PeriodicRun": "machinerie de cette installation",
    "ops.MovedPortal": "redirections de cette installation",
    "wagtailsearch.IndexEntry": "index de recherche, reconstruit à l'import",
    "wagtailsearch.SQLiteFTSIndexEntry": "index de recherche, reconstruit",
    "search.Word": "vocabulaire de recherche, reconstruit à l'indexation",
    "wagtailcore.ReferenceIndex": "index des références, reconstruit",
    "uploads.PortalRendition": "déclinaisons d'images, régénérées",
    "wagtailimages.Rendition": "déclinaisons d'images, régénérées",
    "wagtailembeds.Embed": "cache des contenus intégrés",
    "wagtailadmin.Admin": "sans table",
    "wagtailadmin.EditingSession": "sessions d'édition en cours",
    "wagtailadmin.FormState": "brouillons de formulaires de l'admin",
    "wagtailcore.UploadedFile": "envois temporaires de l'admin",
    "wagtailcore.WorkflowState": "relectures en cours, relancées sur place",
    "wagtailcore.TaskState": "relectures en cours, relancées sur place",
    "wagtailcore.PageSubscription": "préférences de notification personnelles",
    "wagtailcore.APIToken": "secrets de cette installation",
    "wagtailusers.UserProfile": "préférences personnelles de l'admin",
    "account.EmailConfirmation": "liens de confirmation en cours",
    "mfa.Authenticator": "secrets de connexion de cette installation",
    "accounts.StaffNotice": "emails en attente de cette installation",
    "network.PortalGroup": "groupes de portails du réseau",
    "federation.RetiredActor": "acteurs des portails supprimés d'ici",
}

# Listed above but present only on some database engines.
ENGINE_SPECIFIC = {"wagtailsearch.SQLiteFTSIndexEntry"}

# (model, foreign key): the row pointed to belongs to the portal when the
# row that points to it does.
FORWARD_OWNED: tuple[tuple[str, str], ...] = (
    ("portals.Portal", "animator_group"),
    ("wagtailcore.WorkflowPage", "workflow"),
    ("wagtailcore.WorkflowTask", "task"),
)

PORTAL = "portals.Portal"
PAGE = "wagtailcore.Page"
COLLECTION = "wagtailcore.Collection"
# Tree models: their rows belong to a portal by path only, never by a link
# (an alias page elsewhere pointing to one of ours stays where it is).
TREES = (PAGE, COLLECTION)
CHUNK = 2000


def label(model) -> str:
    return model._meta.label


def root_label(model) -> str:
    """Rows of multi-table models share their primary key with the root."""
    for parent in model._meta.get_parent_list():
        if not parent._meta.get_parent_list():
            return label(parent)
    return label(model._meta.concrete_model)


def all_models() -> list:
    return [
        m
        for m in apps.get_models()
        if not m._meta.proxy and m._meta.managed and not m._meta.swapped
    ]


def foreign_keys(model) -> list:
    """Local foreign keys (one-to-one included), without parent links."""
    return [
        f
        for f in model._meta.local_concrete_fields
        if f.is_relation
        and (f.many_to_one or (f.one_to_one and not f.remote_field.parent_link))
    ]


def generic_pairs(model) -> list[tuple[str, str]]:
    """(content type field, object id field) pairs: declared generic keys,
    and the ``content_type`` + ``object_id`` convention (log entries)."""
    pairs = {
        (f.ct_field, f.fk_field)
        for f in model._meta.private_fields
        if isinstance(f, GenericForeignKey)
    }
    names = {f.name for f in model._meta.local_concrete_fields}
    if "content_type" in names and "object_id" in names:
        pairs.add(("content_type", "object_id"))
    return sorted(pairs)


def _classified() -> set[str]:
    return set(PEOPLE) | set(REFERENCES) | set(NOT_EXPORTED)


def owned_models() -> list:
    """Models whose rows may belong to a portal, found from the graph alone."""
    skip = _classified()
    owned_roots = {PORTAL, PAGE, COLLECTION}
    for source, fk in FORWARD_OWNED:
        owned_roots.add(
            root_label(apps.get_model(source)._meta.get_field(fk).related_model)
        )
    candidates = [m for m in all_models() if label(m) not in skip]
    changed = True
    while changed:
        changed = False
        for model in candidates:
            root = root_label(model)
            if root in owned_roots:
                continue
            reaches = generic_pairs(model) or any(
                root_label(f.related_model) in owned_roots for f in foreign_keys(model)
            )
            if reaches:
                owned_roots.add(root)
                changed = True
    return [m for m in candidates if root_label(m) in owned_roots]


def unclassified_models() -> list[str]:
    """Models neither found as portal-owned nor listed: must stay empty."""
    owned = {label(m) for m in owned_models()}
    return sorted(
        label(m)
        for m in all_models()
        if label(m) not in owned and label(m) not in _classified()
    )


def _chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _roots_by_content_type() -> dict[int, str]:
    return {
        ct.pk: root_label(ct.model_class())
        for ct in ContentType.objects.all()
        if ct.model_class() is not None
    }


def portal_rows(portal) -> dict[str, set]:
    """Primary keys of every row the portal owns, by root model label."""
    selected: dict[str, set] = defaultdict(set)
    frontier: dict[str, set] = defaultdict(set)

    def add(root: str, pks: Iterable) -> None:
        new = set(pks) - selected[root]
        if new:
            selected[root] |= new
            frontier[root] |= new

    add(PORTAL, [portal.pk])
    if portal.home_page_id:
        home = apps.get_model(PAGE).objects.get(pk=portal.home_page_id)
        add(
            PAGE,
            apps.get_model(PAGE)
            .objects.filter(path__startswith=home.path)
            .values_list("pk", flat=True),
        )
    if portal.collection_id:
        collection = apps.get_model(COLLECTION).objects.get(pk=portal.collection_id)
        add(
            COLLECTION,
            apps.get_model(COLLECTION)
            .objects.filter(path__startswith=collection.path)
            .values_list("pk", flat=True),
        )

    models_ = [m for m in owned_models() if root_label(m) not in TREES]
    ct_roots = _roots_by_content_type()
    while frontier:
        current = dict(frontier)
        frontier.clear()
        for model in models_:
            root = root_label(model)
            if root == PORTAL:
                continue
            for f in foreign_keys(model):
                target = root_label(f.related_model)
                for ids in _chunks(current.get(target, ())):
                    add(
                        root,
                        model._base_manager.filter(
                            **{f"{f.attname}__in": ids}
                        ).values_list("pk", flat=True),
                    )
            for ct_field, id_field in generic_pairs(model):
                for target, pks in current.items():
                    cts = [pk for pk, r in ct_roots.items() if r == target]
                    id_type = model._meta.get_field(id_field)
                    as_text = isinstance(id_type, (models.CharField, models.TextField))
                    for chunk in _chunks(pks):
                        values = [str(i) for i in chunk] if as_text else chunk
                        add(
                            root,
                            model._base_manager.filter(
                                **{
                                    f"{ct_field}__in": cts,
                                    f"{id_field}__in": values,
                                }
                            ).values_list("pk", flat=True),
                        )
        for source, fk in FORWARD_OWNED:
            model = apps.get_model(source)
            owners = current.get(root_label(model), set())
            field = model._meta.get_field(fk)
            target = root_label(field.related_model)
            for chunk in _chunks(owners):
                add(
                    target,
                    model._base_manager.filter(pk__in=chunk)
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True),
                )
    return {root: pks for root, pks in selected.items() if pks}

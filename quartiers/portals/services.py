"""Writes about portals. Every write checks permission first, in a transaction."""

from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from . import access, audit
from .features import registry
from .models import HubPage, Portal, PortalHomePage, PortalSlugAlias

PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ANIMATOR_MODEL_PERMISSIONS = [("wagtailadmin", "access_admin")]
# Audit actions (registered with Wagtail in wagtail_hooks.py).
AUDIT_SETTINGS = "quartiers.portals.settings_save"
AUDIT_ADDRESS = "quartiers.portals.address_change"


@dataclass(frozen=True)
class PortalTheme:
    primary_color: str = "#1d4ed8"
    accent_color: str = "#b91c1c"


def hub_page() -> HubPage:
    """The network hub, created under the tree root if it is missing."""
    hub = HubPage.objects.first()
    if hub is not None:
        return hub
    root = Page.get_first_root_node()
    hub = root.add_child(
        instance=HubPage(title="Avis de Quartiers", slug="reseau-avis-de-quartiers")
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = hub
    site.site_name = "Avis de Quartiers"
    site.save()
    return hub


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _check_can_create(actor) -> None:
    if actor is not None and not access.is_coordinator(actor):
        raise PermissionDenied(
            _("Seule la coordination du réseau peut créer un portail.")
        )


def _validated_portal(**fields) -> Portal:
    portal = Portal(**fields)
    portal.full_clean(exclude=["home_page", "collection", "animator_group", "logo"])
    return portal


@transaction.atomic
def portal_create(
    *,
    actor,
    slug: str,
    name: str,
    town: str,
    presentation: str = "",
    theme: PortalTheme | None = None,
    contact_email: str = "",
    latitude=None,
    longitude=None,
) -> Portal:
    """Create a portal in one step.

    It gets its home page and every registered section, its image collection,
    its animator group with rights on its own subtree and collection only, and
    its review workflow. ``actor`` None means the platform itself (seeding, the
    management command run by an operator).
    """
    _check_can_create(actor)
    theme = theme or PortalTheme()
    slug = slugify(slug or "")
    portal = _validated_portal(
        slug=slug,
        name=name,
        town=town,
        presentation=presentation,
        primary_color=theme.primary_color,
        accent_color=theme.accent_color,
        contact_email=contact_email,
        enabled_sections=registry.section_keys(),
        latitude=None if latitude is None else Decimal(str(latitude)),
        longitude=None if longitude is None else Decimal(str(longitude)),
    )

    hub = hub_page()
    if hub.get_children().filter(slug=slug).exists():
        raise ValidationError({"slug": _("Une page porte déjà cette adresse.")})
    if PortalSlugAlias.objects.filter(old_slug=slug).exists():
        raise ValidationError({"slug": _old_address_message()})

    home = hub.add_child(
        instance=PortalHomePage(title=name, slug=slug, welcome=presentation)
    )
    for section in registry.sections():
        model = apps.get_model(section.page_model)
        home.add_child(
            instance=model(
                title=str(section.title), slug=section.slug, intro=str(section.summary)
            )
        )

    collection = Collection.get_first_root_node().add_child(name=f"{name} ({slug})")
    group = Group.objects.create(name=f"Animation — {name} ({slug})")
    group.permissions.set(
        [
            _permission(app_label, codename)
            for app_label, codename in ANIMATOR_MODEL_PERMISSIONS
        ]
    )
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(
            group=group, page=home, permission=_permission("wagtailcore", codename)
        )
        for codename in PAGE_PERMISSIONS
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(
            group=group,
            collection=collection,
            permission=_permission(app_label, codename),
        )
        for app_label, codename in COLLECTION_PERMISSIONS
    )

    task = GroupApprovalTask.objects.create(name=f"Relecture par l'animation — {name}")
    task.groups.set([group])
    workflow = Workflow.objects.create(name=f"Relecture — {name} ({slug})")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=home, workflow=workflow)

    portal.home_page = home
    portal.collection = collection
    portal.animator_group = group
    portal.save()
    for setup in registry.portal_setups():
        setup(portal)
    return portal


@transaction.atomic
def portal_update(*, portal: Portal, actor, **fields) -> Portal:
    """Change a portal's settings (colours, moderation, sections, contact...)."""
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    unknown = set(fields) - {f.name for f in Portal._meta.get_fields()}
    if unknown or {"slug", "home_page", "collection", "animator_group"} & set(fields):
        raise ValueError(f"These fields cannot be set here: {sorted(fields)}")
    changed = [name for name, value in fields.items() if getattr(portal, name) != value]
    for name, value in fields.items():
        setattr(portal, name, value)
    portal.full_clean(exclude=["home_page", "collection", "animator_group"])
    portal.save()
    audit.record(
        portal=portal,
        actor=actor,
        instance=portal,
        action=AUDIT_SETTINGS,
        fields=changed,
    )
    if "name" in fields and portal.home_page_id:
        Page.objects.filter(pk=portal.home_page_id).update(title=portal.name)
    return portal


@transaction.atomic
def portal_set_domain(*, portal: Portal, actor, hostname: str) -> Site | None:
    """Let the portal answer on its own domain too (``""`` removes it)."""
    if not access.is_coordinator(actor):
        raise PermissionDenied
    hostname = (hostname or "").strip().lower()
    existing = Site.objects.filter(
        root_page_id=portal.home_page_id, is_default_site=False
    )
    if not hostname:
        existing.delete()
        return None
    if (
        Site.objects.filter(hostname=hostname)
        .exclude(root_page_id=portal.home_page_id)
        .exists()
    ):
        raise ValidationError({"hostname": _("Ce nom de domaine est déjà utilisé.")})
    site = existing.first() or Site(root_page_id=portal.home_page_id, port=80)
    site.hostname = hostname
    site.site_name = portal.name
    site.full_clean()
    site.save()
    return site


def _old_address_message() -> str:
    return _(
        "Cette adresse a appartenu à un autre quartier : elle renvoie encore "
        "ses anciens liens vers lui. Choisissez-en une autre."
    )


@transaction.atomic
def portal_rename_slug(*, actor, portal: Portal, new_slug: str) -> Portal:
    """Give the portal a new address, /<new_slug>/.

    The portal and its home page change together (the home page's slug is
    the portal's address and is not editable on its own), and every old
    address (/<old_slug>/... ) keeps answering with a permanent redirect to
    the same place under the new one.
    """
    if not access.is_coordinator(actor):
        raise PermissionDenied(
            _("Seule la coordination du réseau peut changer l'adresse d'un quartier.")
        )
    portal = Portal.objects.select_for_update().get(pk=portal.pk)
    old_slug = portal.slug
    new_slug = slugify(new_slug or "")
    if not new_slug:
        raise ValidationError(
            {
                "slug": _(
                    "Indiquez la nouvelle adresse : des lettres minuscules, des "
                    "chiffres et des tirets, par exemple « les-tilleuls »."
                )
            }
        )
    if new_slug == old_slug:
        return portal
    if (
        PortalSlugAlias.objects.filter(old_slug=new_slug)
        .exclude(portal=portal)
        .exists()
    ):
        raise ValidationError({"slug": _old_address_message()})
    home = portal.home_page.specific if portal.home_page is not None else None
    if (
        home is not None
        and home.get_siblings(inclusive=False).filter(slug=new_slug).exists()
    ):
        raise ValidationError({"slug": _("Une page porte déjà cette adresse.")})
    portal.slug = new_slug
    portal.full_clean(exclude=["home_page", "collection", "animator_group", "logo"])
    portal.save(update_fields=["slug"])

    PortalSlugAlias.objects.filter(old_slug=new_slug).delete()
    PortalSlugAlias.objects.update_or_create(
        old_slug=old_slug, defaults={"portal": portal}
    )
    if home is not None:
        # Wagtail moves every address under the home page along with it.
        home.slug = new_slug
        home.save()
    audit.record(
        portal=portal,
        actor=actor,
        instance=home if home is not None else portal,
        action=AUDIT_ADDRESS,
        old_slug=old_slug,
        new_slug=new_slug,
    )
    transaction.on_commit(Site.clear_site_root_paths_cache)
    return portal


# -- Objects of a portal edited in the admin ------------------------------------

AUDIT_CREATE = "wagtail.create"
AUDIT_EDIT = "wagtail.edit"
AUDIT_DELETE = "wagtail.delete"


def _require_own_object(*, portal: Portal, actor, instance) -> None:
    """The actor animates the portal the object goes to, and the one it was in."""
    access.require_animator(actor, portal)
    if instance.portal_id != portal.pk:
        raise PermissionDenied
    if instance.pk is None:
        return
    stored = (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values_list("portal_id", flat=True)
        .first()
    )
    if stored is not None and stored != portal.pk:
        if not access.is_animator(actor, Portal.objects.get(pk=stored)):
            raise PermissionDenied


@transaction.atomic
def portal_object_save(
    *, portal: Portal, actor, instance, fields: list[str] | tuple[str, ...] = ()
):
    """Save one of the portal's own objects (a rubrique, a category...) as the
    admin form filled it in, with its audit entry.

    ``instance`` was validated by its form; ``fields`` names what changed.
    Objects with rules of their own go through their app's service instead.
    """
    _require_own_object(portal=portal, actor=actor, instance=instance)
    creating = instance.pk is None
    instance.save()
    audit.record(
        portal=portal,
        actor=actor,
        instance=instance,
        action=AUDIT_CREATE if creating else AUDIT_EDIT,
        fields=fields,
    )
    return instance


@transaction.atomic
def portal_object_delete(*, portal: Portal, actor, instance) -> None:
    """Delete one of the portal's own objects; the audit entry stays."""
    _require_own_object(portal=portal, actor=actor, instance=instance)
    audit.record(portal=portal, actor=actor, instance=instance, action=AUDIT_DELETE)
    instance.delete()

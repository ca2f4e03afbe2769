"""Writes of the toolkit: its home under the hub, starting an article from a
template, and a portal's first-steps checklist."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Collection

from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.newsroom.models import ArticleAuthor, ArticlePage
from quartiers.portals import access, audit
from quartiers.portals.models import Portal
from quartiers.portals.services import hub_page

from . import checklist
from .conversion import article_body
from .models import OnboardingStep, TemplatePage, ToolkitIndexPage

# Audit action (registered with Wagtail in wagtail_hooks.py).
AUDIT_CHECKLIST = "quartiers.toolkit.checklist_update"

INDEX_SLUG = "boite-a-outils"
COLLECTION_NAME = "Boîte à outils"


def toolkit_index() -> ToolkitIndexPage:
    """The toolkit's home under the hub (and its documents' collection),
    created if missing. The hub admits only portal homes from the admin, so
    the platform creates this one page itself."""
    index = ToolkitIndexPage.objects.first()
    if index is not None and index.collection_id is not None:
        return index
    return _toolkit_index_create()


@transaction.atomic
def _toolkit_index_create() -> ToolkitIndexPage:
    index = ToolkitIndexPage.objects.first()
    if index is None:
        index = hub_page().add_child(
            instance=ToolkitIndexPage(
                title="Boîte à outils",
                slug=INDEX_SLUG,
                intro=(
                    "Des guides, des modèles d'articles et des documents pour "
                    "faire vivre un média de quartier, écrits une fois pour "
                    "tout le réseau."
                ),
            )
        )
    if index.collection_id is None:
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(
            name=COLLECTION_NAME
        ).first() or root.add_child(name=COLLECTION_NAME)
        index.collection = collection
        index.save(update_fields=["collection"])
    return index


def portal_setup(portal: Portal) -> None:
    """Run by portal_create: the toolkit exists, and the new portal gets its
    first-steps checklist. Sections and rubriques are set up by their own
    apps; templates and guides are read from the network, never copied, so a
    correction reaches every portal at once."""
    toolkit_index()
    OnboardingStep.objects.bulk_create(
        [OnboardingStep(portal=portal, key=key) for key in checklist.STEP_KEYS],
        ignore_conflicts=True,
    )


def _free_slug(parent, title: str) -> str:
    base = slugify(title)[:70] or "article"
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def article_start_from_template(
    *, portal: Portal, actor, template_id: int
) -> ArticlePage:
    """A draft article in the portal's journal, filled from a template.

    The draft is the animator's: it is not published and starts no review;
    they finish it in the editor.
    """
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    template = (
        TemplatePage.objects.live().filter(pk=template_id, for_animators=True).first()
    )
    if template is None:
        raise Http404
    journal = newsroom_selectors.journal_of(portal)
    if journal is None:
        raise ValidationError(
            _("Ce quartier n'a pas de journal : impossible d'y créer un article.")
        )
    rubrique = (
        newsroom_selectors.rubrique_by_slug(portal, template.rubrique_slug)
        if template.rubrique_slug
        else None
    )
    page = ArticlePage(
        title=template.article_title,
        slug=_free_slug(journal, template.article_title),
        live=False,
        owner=actor,
        rubrique=rubrique,
        chapo=template.article_chapo,
        body=json.dumps(article_body(template)),
    )
    page.authors.add(ArticleAuthor(user=actor))
    journal.add_child(instance=page)
    page.save_revision(user=actor, log_action=True)
    return page


@transaction.atomic
def checklist_update(*, portal: Portal, actor, done_keys) -> list[OnboardingStep]:
    """Tick the given steps of the portal's checklist and untick the others.

    Unknown keys are ignored; a step keeps the date it was first ticked.
    """
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    wanted = set(done_keys) & set(checklist.STEP_KEYS)
    existing = {
        step.key: step
        for step in OnboardingStep.objects.select_for_update().filter(portal=portal)
    }
    now = timezone.now()
    steps = []
    changed = []
    for key in checklist.STEP_KEYS:
        step = existing.get(key) or OnboardingStep(portal=portal, key=key)
        done_at = (step.done_at or now) if key in wanted else None
        if step.pk is None or step.done_at != done_at:
            if step.done_at != done_at:
                changed.append(key)
            step.done_at = done_at
            step.save()
        steps.append(step)
    if changed:
        audit.record(
            portal=portal,
            actor=actor,
            instance=portal,
            action=AUDIT_CHECKLIST,
            fields=changed,
        )
    return steps

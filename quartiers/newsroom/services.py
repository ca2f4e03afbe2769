"""Writes of the journal: residents' submissions and the animator's decisions."""

import json
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from quartiers.core import notify
from quartiers.core.sanitize import text_to_richtext
from quartiers.portals import access, audit
from quartiers.portals.models import Portal
from quartiers.uploads import audio_tags
from quartiers.uploads.models import PortalImage

from . import selectors
from .models import ArticleAuthor, ArticlePage, Rubrique, Submission

# Audit action (registered with Wagtail in wagtail_hooks.py).
AUDIT_REFUSE = "quartiers.newsroom.submission_refuse"

DEFAULT_RUBRIQUES = [
    ("Vie du quartier", "vie-du-quartier", "Ce qui se passe près de chez nous."),
    ("Portraits", "portraits", "Celles et ceux qui font le quartier."),
    ("Jeunesse", "jeunesse", "Les jeunes prennent la parole."),
    ("Solidarités", "solidarites", "Entraide, associations, coups de main."),
]


def rubriques_create_defaults(portal: Portal) -> None:
    """Give a new portal the usual rubriques; the animator can change them."""
    for order, (name, slug, description) in enumerate(DEFAULT_RUBRIQUES):
        Rubrique.objects.get_or_create(
            portal=portal,
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )


@dataclass
class Photo:
    file: object
    alt: str
    consent: str = PortalImage.CONSENT_NOT_NEEDED


def _unique_slug(parent, title: str) -> str:
    base = slugify(title)[:70] or "article"
    slug = base
    number = 2
    while parent.get_children().filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _body(text: str, images: list[tuple[PortalImage, str]]) -> str:
    blocks: list[dict[str, object]] = []
    for paragraph in text_to_richtext(text).split("\n\n"):
        if paragraph.strip():
            blocks.append({"type": "paragraph", "value": paragraph})
    for image, alt in images:
        blocks.append(
            {"type": "image", "value": {"image": image.pk, "alt": alt, "caption": ""}}
        )
    return json.dumps(blocks)


def _existing_images(page: ArticlePage) -> list[tuple[PortalImage, str]]:
    kept = []
    for block in page.body:
        if block.block_type == "image" and block.value["image"] is not None:
            kept.append((block.value["image"], block.value["alt"]))
    return kept


@transaction.atomic
def submission_save(
    *,
    portal: Portal,
    actor,
    title: str,
    text: str,
    rubrique_id: int | None = None,
    photos: list[Photo] | None = None,
    audio=None,
    submission_id: int | None = None,
    submit: bool = False,
) -> Submission:
    """Save a resident's article as a draft and, if asked, send it for review.

    The article is a Wagtail draft page under the portal's journal; sending it
    starts (or resumes) the portal's review workflow. Residents never see the
    admin: this service does for them what the editor would.
    """
    access.require_member(
        actor, portal, _("Rejoignez d'abord ce quartier pour y proposer un article.")
    )
    journal = selectors.journal_of(portal)
    if journal is None:
        raise Http404
    rubrique = (
        Rubrique.objects.filter(portal=portal, pk=rubrique_id).first()
        if rubrique_id
        else None
    )
    if submission_id is not None:
        submission = selectors.submission_for_author(
            portal=portal, author=actor, submission_id=submission_id
        )
        if not submission.editable:
            raise ValidationError(
                _(
                    "Cette proposition est en relecture ou déjà traitée : elle ne peut plus être modifiée."
                )
            )
    else:
        submission = Submission(portal=portal, author=actor)

    submission.title = title.strip()
    submission.text = text
    submission.rubrique = rubrique
    if audio is not None:
        # Kept private (see newsroom/audio.py), without its tags.
        submission.audio = audio_tags.strip_tags(audio)

    new_images = []
    for photo in photos or []:
        image = PortalImage(
            title=f"{submission.title[:80]} — photo",
            file=photo.file,
            collection=portal.collection,
            alt_text=photo.alt,
            consent=photo.consent,
            uploaded_by_user=actor,
        )
        image.save()
        new_images.append((image, photo.alt))

    page = submission.page
    if page is None:
        page = ArticlePage(
            title=submission.title,
            slug=_unique_slug(journal, submission.title),
            live=False,
            owner=actor,
            rubrique=rubrique,
            body=_body(text, new_images),
        )
        page.authors.add(ArticleAuthor(user=actor))
        journal.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object()
        page.title = submission.title
        page.rubrique = rubrique
        page.body = _body(text, _existing_images(page) + new_images)
    page.save_revision(user=actor, log_action=True)
    submission.page = page

    if submit:
        _start_review(page, actor)
        submission.status = Submission.IN_REVIEW
        submission.submitted_at = timezone.now()
        submission.animator_message = ""
    submission.save()
    if submit:
        access.email_animators(
            portal,
            subject=_("Nouvelle proposition d'article : %(title)s")
            % {"title": submission.title},
            template="newsroom/emails/to_animator_submitted.txt",
            context={"submission": submission},
        )
    return submission


def _start_review(page: ArticlePage, actor) -> None:
    state = WorkflowState.objects.filter(
        base_content_type_id=page.get_base_content_type().pk,
        object_id=str(page.pk),
        status=WorkflowState.STATUS_NEEDS_CHANGES,
    ).first()
    if state is not None:
        state.resume(user=actor)
        return
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(
            _(
                "Ce quartier n'a pas de circuit de relecture : prévenez l'équipe d'animation."
            )
        )
    workflow.start(page, actor)


@transaction.atomic
def submission_refuse(
    *, portal: Portal, actor, submission_id: int, reason: str
) -> Submission:
    """The animator refuses a proposal, with a reason the author will read."""
    if not access.can_animate(actor, portal):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Expliquez à l'auteur ou l'autrice pourquoi l'article est refusé.")
        )
    try:
        submission = Submission.objects.select_for_update().get(
            pk=submission_id, portal=portal
        )
    except Submission.DoesNotExist:
        raise Http404 from None
    if submission.status == Submission.PUBLISHED:
        raise ValidationError(_("Cet article est déjà publié : dépubliez-le d'abord."))
    page = submission.page
    if page is not None:
        for state in WorkflowState.objects.filter(
            base_content_type_id=page.get_base_content_type().pk,
            object_id=str(page.pk),
            status__in=[
                WorkflowState.STATUS_IN_PROGRESS,
                WorkflowState.STATUS_NEEDS_CHANGES,
            ],
        ):
            state.cancel(user=actor)
    submission.status = Submission.REFUSED
    submission.animator_message = reason
    submission.decided_at = timezone.now()
    submission.save()
    audit.record(
        portal=portal,
        actor=actor,
        instance=submission,
        action=AUDIT_REFUSE,
        reason=reason,
    )
    _tell_author(submission)
    return submission


def submission_status_changed(*, page_id: int, status: str, message: str = "") -> None:
    """Follow the review done in Wagtail (called from its workflow signals)."""
    submission = (
        Submission.objects.filter(page_id=page_id)
        .select_related("author", "portal")
        .first()
    )
    if submission is None or submission.status == status:
        return
    submission.status = status
    if message or status != Submission.IN_REVIEW:
        submission.animator_message = message
    if status in (Submission.PUBLISHED, Submission.REFUSED):
        submission.decided_at = timezone.now()
    submission.save()
    _tell_author(submission)


def submission_unpublished(*, page_id: int) -> None:
    """An unpublished article goes back to draft for its author (called when
    Wagtail's unpublish action ran; that action left its own log entry)."""
    Submission.objects.filter(page_id=page_id, status=Submission.PUBLISHED).update(
        status=Submission.DRAFT
    )


def _tell_author(submission: Submission) -> None:
    if submission.author is None:
        return
    notify.email_person(
        to=submission.author.email,
        subject=_("Votre article « %(title)s » : %(status)s")
        % {"title": submission.title, "status": submission.get_status_display()},
        template="newsroom/emails/to_author_status.txt",
        context={
            "submission": submission,
            "person": submission.author,
            "portal": submission.portal,
        },
    )

"""Writes about comments. Moderators' decisions live in quartiers.moderation."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from quartiers.portals import access
from quartiers.portals.models import Portal
from quartiers.portals.selectors import portal_for_page

from .models import FORMER_PARTICIPANT, Comment
from .selectors import page_accepts_comments


def max_length() -> int:
    return int(getattr(settings, "QUARTIERS_COMMENT_MAX_LENGTH", 5000))


def _check_can_comment(*, portal: Portal, actor, page: Page) -> None:
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(_("Connectez-vous pour commenter."))
    if not page.live or not page_accepts_comments(page):
        raise ValidationError(_("Cette page ne reçoit pas de commentaires."))
    page_portal = portal_for_page(page)
    if page_portal is None or page_portal.pk != portal.pk:
        raise ValidationError(_("Cette page ne reçoit pas de commentaires."))


def _clean_body(body: str) -> str:
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise ValidationError(
            {"body": _("Votre commentaire est vide : écrivez quelques mots.")}
        )
    if len(body) > max_length():
        raise ValidationError(
            {
                "body": _(
                    "Votre commentaire est trop long (%(length)s caractères) : "
                    "%(max)s au plus. Raccourcissez-le ou coupez-le en deux."
                )
                % {"length": len(body), "max": max_length()}
            }
        )
    return body


def _top_level_parent(*, page: Page, parent_id) -> Comment | None:
    if parent_id in (None, ""):
        return None
    try:
        parent = Comment.objects.get(
            pk=int(parent_id), page_id=page.pk, status=Comment.PUBLISHED
        )
    except (Comment.DoesNotExist, ValueError, TypeError, OverflowError):
        raise ValidationError(
            _("Le commentaire auquel vous répondez n'existe plus sur cette page.")
        )
    # Replies stay one level deep: answering a reply joins its thread.
    if parent.parent_id is not None:
        return Comment.objects.get(pk=parent.parent_id)
    return parent


@transaction.atomic
def comment_create(
    *, portal: Portal, actor, page: Page, body: str, parent_id=None
) -> Comment:
    """A person comments a page; online at once or after review, as the portal says.

    Members who are not of this portal may comment too, as simple residents.
    """
    _check_can_comment(portal=portal, actor=actor, page=page)
    body = _clean_body(body)
    parent = _top_level_parent(page=page, parent_id=parent_id)
    status = (
        Comment.PUBLISHED
        if access.publishes_without_review(actor, portal)
        else Comment.PENDING
    )
    return Comment.objects.create(
        portal=portal,
        page=page,
        parent=parent,
        author=actor,
        author_name=actor.public_name[:100],
        body=body,
        status=status,
    )


def comment_set_status(*, comment: Comment, status: str) -> Comment:
    """Low-level status change, for quartiers.moderation's services only.

    Permission and audit are the caller's business (it runs inside its
    transaction).
    """
    if status not in dict(Comment.STATUS_CHOICES):
        raise ValueError(status)
    comment.status = status
    comment.save(update_fields=["status"])
    return comment


def comments_erase(*, user, keep_contributions: bool) -> None:
    """Erase a person's comments before their account goes.

    Kept comments stay online under "ancien·ne participant·e"; replies of
    others under a deleted comment go with it.
    """
    comments = Comment.objects.filter(author=user)
    if keep_contributions:
        comments.update(author=None, author_name=str(FORMER_PARTICIPANT))
    else:
        comments.delete()

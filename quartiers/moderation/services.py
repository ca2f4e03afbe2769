"""Writes about moderation: reports, automatic withdrawal, animators' decisions.

Every decision checks permission first, runs in a transaction, leaves one
audit entry (Wagtail's log, stamped with the portal and the reason, see
portals.audit) next to the moderation record, and tells the author by email
once the transaction commits. Pages change state through Wagtail's own
actions, without a second log entry of their own.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction

from quartiers.accounts.models import Membership
from quartiers.classifieds import services as classifieds_services
from quartiers.classifieds.models import Ad
from quartiers.comments import services as comment_services
from quartiers.comments.models import Comment
from quartiers.core import notify
from quartiers.portals import access, audit
from quartiers.portals.models import Portal

from . import selectors
from .models import ModerationAction, Report, Withdrawal
from .selectors import KIND_AD, KIND_COMMENT, KIND_PAGE, Target

LOG_PREFIX = "quartiers.moderation."
DETAILS_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000
REVIEW_MAX_LENGTH = 2000
DEFAULT_REPORT_WEIGHTS = {"verified": 1, "trusted": 2, "animator": 3}


def report_threshold() -> float:
    """The weight of reports that hides an item until an animator decides."""
    return float(getattr(settings, "QUARTIERS_REPORT_THRESHOLD", 3))


def report_weight(*, portal: Portal, actor) -> float:
    """How much this person's report counts towards hiding an item.

    Anonymous people and accounts whose address was never verified weigh
    nothing: anybody can type an invented address. Verified accounts weigh
    ``QUARTIERS_REPORT_WEIGHTS["verified"]``, more for the portal's trusted
    contributors and animators.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return 0.0
    weights = {
        **DEFAULT_REPORT_WEIGHTS,
        **getattr(settings, "QUARTIERS_REPORT_WEIGHTS", {}),
    }
    if access.is_animator(actor, portal):
        return float(weights["animator"])
    verified = EmailAddress.objects.filter(
        user=actor, email__iexact=actor.email, verified=True
    ).exists()
    if not verified:
        return 0.0
    if access.role_in(actor, portal) == Membership.TRUSTED:
        return float(weights["trusted"])
    return float(weights["verified"])


def _audit(*, portal, actor, action: str, target: Target, reason: str = "") -> None:
    ModerationAction.objects.create(
        portal=portal,
        actor=actor,
        action=action,
        content_type=selectors.content_type_of(target),
        object_id=target.obj.pk,
        target_repr=target.title[:255],
        reason=reason,
    )
    # The audit entry: in Wagtail's history of the page or comment, next to
    # its edits, readable by the portal's animators and the coordination.
    audit.record(
        portal=portal,
        actor=actor,
        instance=target.obj,
        action=LOG_PREFIX + action,
        reason=reason,
    )


def _tell_author(*, target: Target, decision: str, note: str) -> None:
    author = target.author
    if author is None or not author.email:
        return
    subjects = {
        "refused": _("Votre commentaire n'a pas été publié"),
        "published": _("Votre commentaire est en ligne"),
        "upheld": _("Votre contribution a été retirée"),
        "restored": _("Votre contribution est de nouveau en ligne"),
    }
    notify.email_person(
        to=author.email,
        subject=str(subjects[decision]),
        template="moderation/emails/to_author_decision.txt",
        context={
            "person": author,
            "portal": target.portal,
            "decision": decision,
            "kind": target.kind,
            "title": target.subject_title,
            "excerpt": target.obj.body[:300] if isinstance(target.obj, Comment) else "",
            "note": note,
        },
    )


def _warn_animators(*, target: Target, count: int) -> None:
    access.email_animators(
        target.portal,
        subject=str(_("Un contenu a été masqué après des signalements")),
        template="moderation/emails/to_animators_withdrawn.txt",
        context={
            "kind": target.kind,
            "title": target.subject_title,
            "count": count,
            "queue_url": reverse("moderation_admin:queue"),
        },
    )


# --- Reports from readers ---------------------------------------------------


def _clean_report(*, actor, reason: str, details: str, email: str) -> tuple[str, str]:
    errors = {}
    if reason not in dict(Report.REASON_CHOICES):
        errors["reason"] = _("Choisissez la raison de votre signalement.")
    if len(details or "") > DETAILS_MAX_LENGTH:
        errors["details"] = _(
            "Vos précisions sont trop longues : %(max)s caractères au plus."
        ) % {"max": DETAILS_MAX_LENGTH}
    if actor.is_authenticated:
        address = actor.email
    else:
        address = (email or "").strip().lower()
        try:
            validate_email(address)
        except ValidationError:
            errors["email"] = _(
                "Indiquez votre adresse email : l'équipe d'animation pourra vous "
                "répondre si besoin."
            )
    if errors:
        raise ValidationError(errors)
    return address.lower(), (details or "").strip()


@transaction.atomic
def report_create(
    *,
    portal: Portal,
    actor,
    target: Target,
    reason: str,
    details: str = "",
    email: str = "",
) -> tuple[Report, bool]:
    """Someone reports a page or a comment; (report, created).

    One report per person and item; every report goes to the animators'
    queue. When the weight of the open reports (see :func:`report_weight`)
    reaches the threshold, the item goes offline at once until an animator
    decides; the animators and the author are told.
    """
    if target.portal.pk != portal.pk:
        raise PermissionDenied
    address, details = _clean_report(
        actor=actor, reason=reason, details=details, email=email
    )
    content_type = selectors.content_type_of(target)
    existing = Report.objects.filter(
        content_type=content_type, object_id=target.obj.pk, reporter_email=address
    ).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                portal=portal,
                content_type=content_type,
                object_id=target.obj.pk,
                reporter=actor if actor.is_authenticated else None,
                reporter_email=address,
                reason=reason,
                details=details,
                weight=report_weight(portal=portal, actor=actor),
            )
    except IntegrityError:
        # The same person, twice at the same moment.
        return Report.objects.get(
            content_type=content_type, object_id=target.obj.pk, reporter_email=address
        ), False
    if (
        report.weight > 0
        and selectors.open_reports_weight(target) >= report_threshold()
        and selectors.active_withdrawal(target) is None
    ):
        withdrawal = _withdraw(portal=portal, target=target)
        if withdrawal is not None:
            count = selectors.distinct_open_reporters(target)
            _warn_animators(target=target, count=count)
            _tell_author_withdrawn(target=target, withdrawal=withdrawal)
    return report, True


def _withdraw(*, portal: Portal, target: Target) -> Withdrawal | None:
    """Take an item offline until an animator decides (no actor: the platform)."""
    live_revision = None
    if isinstance(target.obj, Ad):
        # Reported ads follow the newsroom's rules: offline until decided.
        if not classifieds_services.ad_set_hidden(ad=target.obj, hidden=True):
            return None
    elif isinstance(target.obj, Comment):
        if target.obj.status != Comment.PUBLISHED:
            return None
        comment_services.comment_set_status(comment=target.obj, status=Comment.HIDDEN)
    else:
        page = target.obj.specific
        if not page.live:
            return None
        live_revision = page.live_revision or page.latest_revision
        UnpublishPageAction(page, log_action=False).execute(skip_permission_checks=True)
    withdrawal = Withdrawal.objects.create(
        portal=portal,
        content_type=selectors.content_type_of(target),
        object_id=target.obj.pk,
        live_revision=live_revision,
    )
    _audit(
        portal=portal,
        actor=None,
        action=ModerationAction.AUTO_HIDE,
        target=target,
        reason=_("Signalé par %(count)s personnes différentes.")
        % {"count": selectors.distinct_open_reporters(target)},
    )
    return withdrawal


def _tell_author_withdrawn(*, target: Target, withdrawal: Withdrawal) -> None:
    """The author learns at once why the item is hidden and how to ask a review."""
    author = target.author
    if author is None or not author.email:
        return
    reasons = (
        Report.objects.filter(
            content_type_id=withdrawal.content_type_id,
            object_id=withdrawal.object_id,
            status=Report.OPEN,
        )
        .values_list("reason", flat=True)
        .distinct()
    )
    labels = dict(Report.REASON_CHOICES)
    notify.email_person(
        to=author.email,
        subject=str(_("Votre contribution est masquée après des signalements")),
        template="moderation/emails/to_author_withdrawn.txt",
        context={
            "person": author,
            "portal": target.portal,
            "kind": target.kind,
            "title": target.subject_title,
            "reasons": sorted(str(labels.get(r, r)) for r in reasons),
            "review_url": reverse(
                "moderation:review_request",
                kwargs={"kind": target.kind, "object_id": target.obj.pk},
            ),
        },
    )


@transaction.atomic
def withdrawal_request_review(
    *, portal: Portal, actor, withdrawal_id: int, message: str
) -> Withdrawal:
    """The author of a hidden item asks the animators to look at it again."""
    message = (message or "").strip()
    withdrawal = (
        Withdrawal.objects.select_for_update()
        .filter(pk=withdrawal_id, portal=portal, lifted_at__isnull=True)
        .first()
    )
    if withdrawal is None:
        raise PermissionDenied
    target = selectors.target_of_withdrawal(withdrawal)
    if target is None:
        raise PermissionDenied
    author = target.author
    if author is None or not actor.is_authenticated or author.pk != actor.pk:
        raise PermissionDenied
    if not message:
        raise ValidationError(
            _("Expliquez en quelques mots pourquoi votre contribution devrait revenir.")
        )
    if len(message) > REVIEW_MAX_LENGTH:
        raise ValidationError(
            _("Votre message est trop long : %(max)s caractères au plus.")
            % {"max": REVIEW_MAX_LENGTH}
        )
    if withdrawal.review_requested_at is not None:
        raise ValidationError(
            _("Vous avez déjà demandé un réexamen : l'équipe d'animation va décider.")
        )
    withdrawal.review_requested_at = timezone.now()
    withdrawal.review_message = message
    withdrawal.save(update_fields=["review_requested_at", "review_message"])
    access.email_animators(
        portal,
        subject=str(_("Une personne demande le réexamen d'un contenu masqué")),
        template="moderation/emails/to_animators_review.txt",
        context={
            "kind": target.kind,
            "title": target.subject_title,
            "message": message,
            "queue_url": reverse("moderation_admin:queue"),
        },
    )
    return withdrawal


def _open_reports_on(report: Report):
    return Report.objects.select_for_update().filter(
        content_type_id=report.content_type_id,
        object_id=report.object_id,
        status=Report.OPEN,
    )


def _decide_reports(*, portal, actor, report_id: int, status: str, note: str):
    access.require_animator(actor, portal)
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Votre note est trop longue : %(max)s caractères au plus.")
            % {"max": NOTE_MAX_LENGTH}
        )
    report = Report.objects.select_related("content_type", "portal").get(
        pk=report_id, portal=portal
    )
    if report.status != Report.OPEN:
        raise ValidationError(_("Ce signalement a déjà été traité."))
    target = selectors.target_of_report(report)
    _open_reports_on(report).update(
        status=status, decided_by=actor, decided_at=timezone.now(), decision_note=note
    )
    withdrawal = (
        Withdrawal.objects.select_for_update()
        .filter(
            content_type_id=report.content_type_id,
            object_id=report.object_id,
            lifted_at__isnull=True,
        )
        .first()
    )
    if withdrawal is not None:
        withdrawal.lifted_at = timezone.now()
        withdrawal.save(update_fields=["lifted_at"])
    return report, target, withdrawal


@transaction.atomic
def report_uphold(*, portal: Portal, actor, report_id: int, note: str) -> Report:
    """The animator agrees with the reports: the item stays offline, for good."""
    if not (note or "").strip():
        access.require_animator(actor, portal)
        raise ValidationError(
            _(
                "Expliquez votre décision en quelques mots : l'auteur ou l'autrice la recevra."
            )
        )
    report, target, _withdrawal = _decide_reports(
        portal=portal, actor=actor, report_id=report_id, status=Report.UPHELD, note=note
    )
    if target is None:
        return report
    if target.kind == KIND_AD:
        classifieds_services.ad_set_hidden(ad=target.obj, hidden=True)
    elif target.kind == KIND_COMMENT:
        comment_services.comment_set_status(comment=target.obj, status=Comment.REMOVED)
    else:
        page = target.obj.specific
        if page.live:
            UnpublishPageAction(page, user=actor, log_action=False).execute(
                skip_permission_checks=True
            )
    _audit(
        portal=portal,
        actor=actor,
        action=ModerationAction.REPORT_UPHOLD,
        target=target,
        reason=note.strip(),
    )
    _tell_author(target=target, decision="upheld", note=note.strip())
    return report


@transaction.atomic
def report_dismiss(*, portal: Portal, actor, report_id: int, note: str = "") -> Report:
    """The animator finds nothing wrong: an item taken offline comes back."""
    report, target, withdrawal = _decide_reports(
        portal=portal,
        actor=actor,
        report_id=report_id,
        status=Report.DISMISSED,
        note=note,
    )
    if target is None:
        return report
    restored = False
    if withdrawal is not None:
        if target.kind == KIND_AD:
            restored = classifieds_services.ad_set_hidden(ad=target.obj, hidden=False)
        elif target.kind == KIND_COMMENT and target.obj.status == Comment.HIDDEN:
            comment_services.comment_set_status(
                comment=target.obj, status=Comment.PUBLISHED
            )
            restored = True
        elif target.kind == KIND_PAGE:
            page = target.obj.specific
            revision = withdrawal.live_revision or page.latest_revision
            if not page.live and revision is not None:
                # The version that was online, not a draft written since.
                revision.publish(
                    user=actor, log_action=False, skip_permission_checks=True
                )
                restored = True
    _audit(
        portal=portal,
        actor=actor,
        action=ModerationAction.REPORT_DISMISS,
        target=target,
        reason=(note or "").strip(),
    )
    if restored:
        _tell_author(target=target, decision="restored", note=(note or "").strip())
    return report


# --- Comments waiting for review --------------------------------------------


def _pending_comment(*, portal: Portal, comment_id: int) -> Comment:
    comment = (
        # Lock only the comment row: PostgreSQL cannot lock the nullable side
        # of the outer join to the author.
        Comment.objects.select_for_update(of=("self",))
        .select_related("page", "author", "portal")
        .get(pk=comment_id, portal=portal)
    )
    if comment.status != Comment.PENDING:
        raise ValidationError(_("Ce commentaire a déjà été traité."))
    return comment


@transaction.atomic
def comment_publish(*, portal: Portal, actor, comment_id: int) -> Comment:
    access.require_animator(actor, portal)
    comment = _pending_comment(portal=portal, comment_id=comment_id)
    comment_services.comment_set_status(comment=comment, status=Comment.PUBLISHED)
    _audit(
        portal=portal,
        actor=actor,
        action=ModerationAction.COMMENT_PUBLISH,
        target=Target(KIND_COMMENT, comment, portal),
    )
    return comment


@transaction.atomic
def comment_refuse(*, portal: Portal, actor, comment_id: int, reason: str) -> Comment:
    """Refuse a comment; its author gets the reason by email."""
    access.require_animator(actor, portal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _(
                "Expliquez votre refus en quelques mots : l'auteur ou l'autrice le recevra."
            )
        )
    if len(reason) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Votre message est trop long : %(max)s caractères au plus.")
            % {"max": NOTE_MAX_LENGTH}
        )
    comment = _pending_comment(portal=portal, comment_id=comment_id)
    comment_services.comment_set_status(comment=comment, status=Comment.REMOVED)
    target = Target(KIND_COMMENT, comment, portal)
    _audit(
        portal=portal,
        actor=actor,
        action=ModerationAction.COMMENT_REFUSE,
        target=target,
        reason=reason,
    )
    _tell_author(target=target, decision="refused", note=reason)
    return comment

"""Animators' decisions: each through a service, audited, the author told."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from quartiers.comments.models import Comment
from quartiers.comments.tests.factories import comment
from quartiers.moderation import services
from quartiers.moderation.models import ModerationAction, Report, Withdrawal

from .helpers import hide, report

pytestmark = pytest.mark.django_db


def test_publishing_a_pending_comment_is_audited(
    journal_a, portal_a, resident_a, animator_a
):
    waiting = comment(journal_a, portal_a, resident_a, "À relire", status="pending")
    services.comment_publish(portal=portal_a, actor=animator_a, comment_id=waiting.pk)
    waiting.refresh_from_db()
    assert waiting.status == Comment.PUBLISHED
    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.portal) == (
        "comment_publish",
        animator_a,
        portal_a,
    )
    assert ModelLogEntry.objects.filter(
        action="quartiers.moderation.comment_publish", object_id=str(waiting.pk)
    ).exists()


def test_refusing_a_comment_needs_a_reason_and_tells_the_author(
    journal_a, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    waiting = comment(journal_a, portal_a, resident_a, "Hors sujet", status="pending")
    with pytest.raises(ValidationError):
        services.comment_refuse(
            portal=portal_a, actor=animator_a, comment_id=waiting.pk, reason="  "
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_refuse(
            portal=portal_a,
            actor=animator_a,
            comment_id=waiting.pk,
            reason="Ce commentaire parle d'un autre quartier.",
        )
    waiting.refresh_from_db()
    assert waiting.status == Comment.REMOVED
    assert ModerationAction.objects.get().reason.startswith("Ce commentaire parle")
    [email] = mail.outbox
    assert email.to == ["habitant.alpha@example.org"]
    assert "ne le publiera pas" in email.body
    assert "parle d'un autre quartier" in email.body


def test_a_comment_already_decided_cannot_be_decided_again(
    journal_a, portal_a, resident_a, animator_a
):
    waiting = comment(journal_a, portal_a, resident_a, "x", status="pending")
    services.comment_publish(portal=portal_a, actor=animator_a, comment_id=waiting.pk)
    with pytest.raises(ValidationError):
        services.comment_publish(
            portal=portal_a, actor=animator_a, comment_id=waiting.pk
        )


def test_animator_of_another_portal_is_refused_by_the_services(
    journal_a, portal_a, resident_a, animator_b
):
    waiting = comment(journal_a, portal_a, resident_a, "x", status="pending")
    with pytest.raises(PermissionDenied):
        services.comment_publish(
            portal=portal_a, actor=animator_b, comment_id=waiting.pk
        )
    with pytest.raises(PermissionDenied):
        services.comment_refuse(
            portal=portal_a, actor=animator_b, comment_id=waiting.pk, reason="non"
        )
    first = report(
        "commentaire", comment(journal_a, portal_a, resident_a, "y"), "a@b.fr"
    )
    with pytest.raises(PermissionDenied):
        services.report_uphold(
            portal=portal_a, actor=animator_b, report_id=first.pk, note="non"
        )
    with pytest.raises(PermissionDenied):
        services.report_dismiss(portal=portal_a, actor=animator_b, report_id=first.pk)


def test_upholding_removes_the_comment_closes_every_report_and_tells_the_author(
    journal_a, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    shown = comment(journal_a, portal_a, resident_a, "Insultes")
    last = hide("commentaire", shown)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_uphold(
            portal=portal_a,
            actor=animator_a,
            report_id=last.pk,
            note="Les insultes n'ont pas leur place ici.",
        )
    shown.refresh_from_db()
    assert shown.status == Comment.REMOVED
    assert set(Report.objects.values_list("status", flat=True)) == {Report.UPHELD}
    assert Report.objects.filter(decided_by=animator_a).count() == 3
    assert Withdrawal.objects.get().lifted_at is not None
    emails = [m for m in mail.outbox if m.to == ["habitant.alpha@example.org"]]
    assert len(emails) == 1
    assert "l'a retiré" in emails[0].body
    assert "pas leur place ici" in emails[0].body


def test_upholding_needs_a_note(journal_a, portal_a, resident_a, animator_a):
    first = report(
        "commentaire", comment(journal_a, portal_a, resident_a, "x"), "a@b.fr"
    )
    with pytest.raises(ValidationError):
        services.report_uphold(
            portal=portal_a, actor=animator_a, report_id=first.pk, note=""
        )
    assert Report.objects.get().status == Report.OPEN


def test_dismissing_puts_a_hidden_comment_back_online(
    journal_a, portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    shown = comment(journal_a, portal_a, resident_a, "Un avis franc")
    last = hide("commentaire", shown)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_dismiss(portal=portal_a, actor=animator_a, report_id=last.pk)
    shown.refresh_from_db()
    assert shown.status == Comment.PUBLISHED
    assert set(Report.objects.values_list("status", flat=True)) == {Report.DISMISSED}
    body = next(m.body for m in mail.outbox if m.to == ["habitant.alpha@example.org"])
    assert "de nouveau en ligne" in body


def test_dismissing_republishes_a_page_taken_offline(
    article_a, portal_a, animator_a, django_capture_on_commit_callbacks
):
    live_revision = article_a.live_revision_id
    last = hide("page", article_a)
    assert not Page.objects.get(pk=article_a.pk).live
    with django_capture_on_commit_callbacks(execute=True):
        services.report_dismiss(
            portal=portal_a, actor=animator_a, report_id=last.pk, note="Rien à redire."
        )
    page = Page.objects.get(pk=article_a.pk)
    assert page.live
    assert page.live_revision_id == live_revision
    assert PageLogEntry.objects.filter(
        page=page, action="quartiers.moderation.auto_hide"
    ).exists()
    assert PageLogEntry.objects.filter(
        page=page, action="quartiers.moderation.report_dismiss", user=animator_a
    ).exists()
    assert any("de nouveau en ligne" in m.body for m in mail.outbox)


def test_upholding_keeps_a_page_offline(article_a, portal_a, animator_a):
    last = hide("page", article_a)
    services.report_uphold(
        portal=portal_a, actor=animator_a, report_id=last.pk, note="Données perso."
    )
    assert not Page.objects.get(pk=article_a.pk).live
    assert ModerationAction.objects.filter(action="report_uphold").exists()


def test_upholding_a_single_report_takes_a_live_page_offline(
    article_a, portal_a, animator_a
):
    first = report("page", article_a, "a@b.fr")
    services.report_uphold(
        portal=portal_a, actor=animator_a, report_id=first.pk, note="Illégal."
    )
    assert not Page.objects.get(pk=article_a.pk).live


def test_dismissing_a_report_on_a_page_still_online_changes_nothing(
    article_a, portal_a, animator_a, django_capture_on_commit_callbacks
):
    first = report("page", article_a, "a@b.fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_dismiss(portal=portal_a, actor=animator_a, report_id=first.pk)
    assert Page.objects.get(pk=article_a.pk).live
    assert mail.outbox == []

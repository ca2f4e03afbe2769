"""/reactions/signaler/<kind>/<id>/: readers report; three people hide an item."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Page

from quartiers.comments.models import Comment
from quartiers.comments.tests.factories import comment
from quartiers.moderation.models import ModerationAction, Report, Withdrawal

from .helpers import account

pytestmark = pytest.mark.django_db


def _report(client, kind, pk, **data):
    data.setdefault("reason", "haine")
    return client.post(f"/reactions/signaler/{kind}/{pk}/", data)


def _visitor(client, email, kind, pk):
    client.logout()
    return _report(client, kind, pk, email=email)


def test_visitor_sees_a_form_with_reasons_and_an_email_field(
    client, journal_a, portal_a, animator_a
):
    shown = comment(journal_a, portal_a, animator_a, "Bonjour")
    html = client.get(f"/reactions/signaler/commentaire/{shown.pk}/").content.decode()
    assert "Propos haineux ou discriminatoires" in html
    assert "Spam ou publicité" in html
    assert 'name="email"' in html


def test_member_does_not_need_to_give_an_email(client, article_a, resident_b):
    client.force_login(resident_b)
    html = client.get(f"/reactions/signaler/page/{article_a.pk}/").content.decode()
    assert 'name="email"' not in html
    response = _report(client, "page", article_a.pk)
    assert response.status_code == 200
    assert Report.objects.get().reporter_email == "habitant.beta@example.org"


def test_visitor_without_email_is_asked_for_one(client, article_a):
    response = _report(client, "page", article_a.pk)
    assert response.status_code == 400
    assert "Indiquez votre adresse email" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("reason", ["", "n-importe-quoi"])
def test_missing_or_unknown_reason_answers_400_in_french(client, article_a, reason):
    response = _report(client, "page", article_a.pk, reason=reason, email="a@b.fr")
    assert response.status_code == 400
    assert "Choisissez la raison" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/reactions/signaler/video/1/",
        "/reactions/signaler/page/abc/",
        "/reactions/signaler/commentaire/abc/",
        "/reactions/signaler/page/999999/",
        "/reactions/signaler/commentaire/999999/",
        "/reactions/signaler/page/-3/",
        "/reactions/signaler/page/99999999999999999999999/",
    ],
)
def test_unknown_kind_or_malformed_id_answers_404_in_french(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "ne peut pas être signalé" in response.content.decode()


def test_portal_home_and_sections_cannot_be_reported(client, portal_a, journal_a):
    assert (
        client.get(f"/reactions/signaler/page/{portal_a.home_page_id}/").status_code
        == 404
    )
    assert client.get(f"/reactions/signaler/page/{journal_a.pk}/").status_code == 404


def test_comment_waiting_for_review_cannot_be_reported(
    client, journal_a, portal_a, resident_a
):
    waiting = comment(journal_a, portal_a, resident_a, "x", status="pending")
    assert (
        client.get(f"/reactions/signaler/commentaire/{waiting.pk}/").status_code == 404
    )


def test_second_report_by_the_same_person_is_answered_kindly(client, article_a):
    _visitor(client, "voisine@example.org", "page", article_a.pk)
    response = _visitor(client, "VOISINE@example.org", "page", article_a.pk)
    assert response.status_code == 200
    assert "déjà signalé" in response.content.decode()
    assert Report.objects.count() == 1


def test_three_verified_accounts_hide_a_comment(
    client,
    journal_a,
    portal_a,
    resident_a,
    resident_b,
    django_capture_on_commit_callbacks,
):
    shown = comment(journal_a, portal_a, resident_a, "Propos limites")
    client.force_login(resident_b)
    _report(client, "commentaire", shown.pk)
    client.force_login(
        get_user_model().objects.get(email="partenaire.alpha@example.org")
    )
    _report(client, "commentaire", shown.pk)
    shown.refresh_from_db()
    assert shown.status == Comment.PUBLISHED  # two are not enough
    client.force_login(
        get_user_model().objects.get(email="partenaire.beta@example.org")
    )
    with django_capture_on_commit_callbacks(execute=True):
        _report(client, "commentaire", shown.pk)
    shown.refresh_from_db()
    assert shown.status == Comment.HIDDEN
    assert Withdrawal.objects.filter(object_id=shown.pk).exists()
    assert ModerationAction.objects.get().action == ModerationAction.AUTO_HIDE
    # The animators to decide, the author to know why.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "animation.alpha@example.org",
        "habitant.alpha@example.org",
    ]


def test_the_same_person_three_times_hides_nothing(
    client, journal_a, portal_a, resident_a
):
    shown = comment(journal_a, portal_a, resident_a, "Propos limites")
    for _ in range(3):
        _visitor(client, "acharne@example.org", "commentaire", shown.pk)
    shown.refresh_from_db()
    assert shown.status == Comment.PUBLISHED
    assert Report.objects.count() == 1


def test_an_account_and_its_own_address_count_as_one_person(
    client, journal_a, portal_a, resident_a, resident_b
):
    shown = comment(journal_a, portal_a, resident_a, "x")
    client.force_login(resident_b)
    _report(client, "commentaire", shown.pk)
    _visitor(client, "habitant.beta@example.org", "commentaire", shown.pk)
    _visitor(client, "autre@example.org", "commentaire", shown.pk)
    shown.refresh_from_db()
    assert shown.status == Comment.PUBLISHED


def test_three_verified_accounts_take_a_page_offline(client, article_a):
    for email in ("un@example.org", "deux@example.org", "trois@example.org"):
        assert Page.objects.get(pk=article_a.pk).live
        client.force_login(account(email))
        _report(client, "page", article_a.pk)
    page = Page.objects.get(pk=article_a.pk)
    assert not page.live
    withdrawal = Withdrawal.objects.get(object_id=article_a.pk)
    assert withdrawal.live_revision_id == article_a.live_revision_id


def test_reporting_is_rate_limited(client, article_a, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "report": (2, 3600),
    }
    _visitor(client, "un@example.org", "page", article_a.pk)
    _visitor(client, "deux@example.org", "page", article_a.pk)
    response = _visitor(client, "trois@example.org", "page", article_a.pk)
    assert response.status_code == 429
    assert Report.objects.count() == 2
    assert Page.objects.get(pk=article_a.pk).live


def test_report_is_stored_in_the_portal_of_the_item(client, article_b, portal_b):
    _visitor(client, "un@example.org", "page", article_b.pk)
    assert Report.objects.get().portal == portal_b
    assert get_user_model().objects.filter(email="un@example.org").count() == 0


def test_reports_are_in_the_data_export_and_go_with_the_account(
    client, article_a, resident_b
):
    from quartiers.portals.features import registry

    client.force_login(resident_b)
    _report(client, "page", article_a.pk, details="Adresse d'une voisine")
    item = next(i for i in registry.personal_data() if i.name == "signalements")
    exported = item.export(resident_b)["signalements"]
    assert exported[0]["precisions"] == "Adresse d'une voisine"
    item.erase(resident_b, True)
    assert not Report.objects.exists()

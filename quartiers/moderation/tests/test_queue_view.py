"""The moderation queue in the admin: each animator sees and acts on their portal only."""

import pytest
from wagtail.models import Page

from quartiers.comments.models import Comment
from quartiers.comments.tests.factories import comment
from quartiers.moderation.models import ModerationAction, Report

from .helpers import hide, report

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


def _decide_comment(client, pk, decision, note=""):
    return client.post(
        f"/admin/moderation/commentaires/{pk}/decider/",
        {"decision": decision, "note": note, "confirm": "1"},
    )


def _decide_report(client, pk, decision, note=""):
    return client.post(
        f"/admin/moderation/signalements/{pk}/decider/",
        {"decision": decision, "note": note, "confirm": "1"},
    )


def test_queue_lists_the_animators_portal_only(
    staff_client,
    journal_a,
    journal_b,
    portal_a,
    portal_b,
    resident_a,
    resident_b,
    animator_a,
    article_a,
    article_b,
):
    comment(journal_a, portal_a, resident_a, "Attente alpha", status="pending")
    comment(journal_b, portal_b, resident_b, "Attente beta", status="pending")
    report("page", article_a, "un@example.org")
    report("page", article_b, "un@example.org")
    html = staff_client(animator_a).get(QUEUE).content.decode()
    assert "Attente alpha" in html
    assert "Attente beta" not in html
    assert article_a.title in html
    assert article_b.title not in html


def test_coordinator_sees_every_portal(
    staff_client,
    journal_a,
    journal_b,
    portal_a,
    portal_b,
    resident_a,
    resident_b,
    coordinator,
):
    comment(journal_a, portal_a, resident_a, "Attente alpha", status="pending")
    comment(journal_b, portal_b, resident_b, "Attente beta", status="pending")
    html = staff_client(coordinator).get(QUEUE).content.decode()
    assert "Attente alpha" in html
    assert "Attente beta" in html
    assert "Quartier Bêta" in html


def test_pages_in_review_are_listed_with_a_link_to_edit(
    staff_client, portal_a, resident_a, animator_a, animator_b, article_a
):
    page = Page.objects.get(pk=article_a.pk).specific
    page.title = "Fête des voisins, version 2"
    revision = page.save_revision(user=resident_a)
    page.get_workflow().start(page, resident_a)
    assert revision
    html = staff_client(animator_a).get(QUEUE).content.decode()
    assert "Autres pages à relire" in html
    assert f"/admin/pages/{article_a.pk}/edit/" in html
    html_b = staff_client(animator_b).get(QUEUE).content.decode()
    assert f"/admin/pages/{article_a.pk}/edit/" not in html_b


def test_animator_publishes_and_refuses_from_the_queue(
    staff_client, journal_a, portal_a, resident_a, animator_a
):
    one = comment(journal_a, portal_a, resident_a, "Un", status="pending")
    two = comment(journal_a, portal_a, resident_a, "Deux", status="pending")
    client = staff_client(animator_a)
    assert _decide_comment(client, one.pk, "publish").status_code == 302
    # A refusal without a reason is not applied; the reason is asked for.
    response = _decide_comment(client, two.pk, "refuse")
    assert response.status_code == 200
    two.refresh_from_db()
    assert two.status == Comment.PENDING
    assert "Expliquez votre refus" in response.content.decode()
    _decide_comment(client, two.pk, "refuse", "Hors sujet, désolé.")
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (Comment.PUBLISHED, Comment.REMOVED)
    assert ModerationAction.objects.count() == 2


def test_animator_dismisses_reports_from_the_queue(staff_client, article_a, animator_a):
    last = hide("page", article_a)
    response = _decide_report(staff_client(animator_a), last.pk, "dismiss", "Rien")
    assert response.status_code == 302
    assert Page.objects.get(pk=article_a.pk).live
    assert not Report.objects.filter(status=Report.OPEN).exists()


def test_animator_of_b_gets_404_on_the_items_of_a(
    staff_client, journal_a, portal_a, resident_a, animator_b, article_a
):
    waiting = comment(journal_a, portal_a, resident_a, "Alpha", status="pending")
    open_report = report("page", article_a, "un@example.org")
    client = staff_client(animator_b)
    assert _decide_comment(client, waiting.pk, "publish").status_code == 404
    assert _decide_comment(client, waiting.pk, "refuse", "non").status_code == 404
    assert _decide_report(client, open_report.pk, "uphold", "non").status_code == 404
    assert _decide_report(client, open_report.pk, "dismiss").status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Comment.PENDING
    assert Report.objects.get().status == Report.OPEN
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/moderation/commentaires/abc/decider/",
        "/admin/moderation/commentaires/999999/decider/",
        "/admin/moderation/signalements/abc/decider/",
        "/admin/moderation/signalements/999999/decider/",
    ],
)
def test_unknown_or_malformed_ids_answer_404(staff_client, animator_a, path):
    assert (
        staff_client(animator_a).post(path, {"decision": "publish"}).status_code == 404
    )


def test_unknown_decision_changes_nothing(
    staff_client, journal_a, portal_a, resident_a, animator_a
):
    waiting = comment(journal_a, portal_a, resident_a, "x", status="pending")
    response = _decide_comment(staff_client(animator_a), waiting.pk, "supprimer")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Comment.PENDING


def test_people_who_animate_nothing_get_no_queue(staff_client, client, resident_a):
    client.force_login(resident_a)
    response = client.get(QUEUE)
    # A kind page pointing to their own space, never the queue.
    assert response.status_code == 403
    assert "Signalements à traiter" not in response.content.decode()


def test_menu_badge_and_dashboard_panel_show_the_counts(
    staff_client, journal_a, portal_a, resident_a, animator_a, article_a
):
    comment(journal_a, portal_a, resident_a, "x", status="pending")
    report("page", article_a, "un@example.org")
    html = staff_client(animator_a).get("/admin/").content.decode()
    assert r"Mod\u00e9ration (2)" in html  # the sidebar is JSON
    assert "Commentaires : 1" in html
    assert "Signalements : 1" in html


def test_queue_query_count_does_not_grow_with_the_queue(
    staff_client, journal_a, portal_a, resident_a, animator_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = staff_client(animator_a)

    def add(count, start):
        for n in range(start, start + count):
            comment(journal_a, portal_a, resident_a, f"n°{n}", status="pending")
            shown = comment(journal_a, portal_a, resident_a, f"s{n}")
            report("commentaire", shown, "a@b.fr")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUEUE).status_code == 200
        return len(captured)

    add(2, 0)
    client.get(QUEUE)  # warm the caches (site, content types)
    small = queries()
    add(40, 2)
    assert queries() == small

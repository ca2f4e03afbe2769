"""Staff get one email per thing that needs them, or one summary a day."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from quartiers.accounts import staff_mail
from quartiers.accounts.models import StaffNotice, User
from quartiers.newsroom import services as newsroom_services

pytestmark = pytest.mark.django_db


def _to(person):
    return [m for m in mail.outbox if person.email in m.to]


def _propose(portal, resident, title="La kermesse"):
    return newsroom_services.submission_save(
        portal=portal, actor=resident, title=title, text="Samedi.", submit=True
    )


def _at(hour: int):
    return timezone.make_aware(datetime(2026, 12, 4, hour, 5))


def test_a_proposed_article_sends_each_animator_one_email_and_nobody_else(
    portal_a, resident_a, animator_a, animator_b, coordinator,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _propose(portal_a, resident_a)
    assert len(_to(animator_a)) == 1
    assert _to(animator_b) == []
    assert _to(coordinator) == []
    # Wagtail's own "submitted" emails are not sent on top of ours.
    assert not any("workflow" in m.body.lower() for m in mail.outbox)


def test_a_blog_post_in_review_sends_each_animator_one_email(
    portal_a, resident_a, animator_a, coordinator, django_capture_on_commit_callbacks
):
    from quartiers.blogs import services as blog_services

    blog_services.blog_open(
        portal=portal_a, actor=resident_a, title="Carnets", presentation="Moi."
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        blog_services.post_save(
            portal=portal_a, actor=resident_a, title="Un billet", text="Bonjour."
        )
    about_post = [m for m in _to(animator_a) if "Un billet" in m.subject]
    assert len(about_post) <= 1
    assert len(_to(animator_a)) <= 2  # the blog itself may wait for review too
    assert _to(coordinator) == []


def test_staff_who_chose_a_summary_get_one_email_a_day(
    portal_a, resident_a, animator_a, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=animator_a.pk).update(staff_email_frequency=User.EMAIL_DAILY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _propose(portal_a, resident_a, "La kermesse")
        _propose(portal_a, resident_a, "Le vide-grenier")
    assert _to(animator_a) == []
    assert StaffNotice.objects.filter(user=animator_a, sent_at=None).count() == 2

    # Not before the hour of the summary.
    assert staff_mail.send_daily_summaries(now=_at(6)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_mail.send_daily_summaries(now=_at(9)) == 1
    summary = _to(animator_a)
    assert len(summary) == 1
    assert "La kermesse" in summary[0].body and "Le vide-grenier" in summary[0].body
    assert "2 choses" in summary[0].subject

    # Run again the same day: nothing more, even with a new notice.
    with django_capture_on_commit_callbacks(execute=True):
        _propose(portal_a, resident_a, "La chorale")
        assert staff_mail.send_daily_summaries(now=_at(10)) == 0
    assert len(_to(animator_a)) == 1
    # The next day, the rest goes.
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_mail.send_daily_summaries(now=_at(9) + timedelta(days=1)) == 1
    assert "La chorale" in _to(animator_a)[-1].body


def test_the_choice_is_made_in_the_admin_account_settings(staff_client, animator_a):
    client = staff_client(animator_a)
    html = client.get("/admin/account/").content.decode()
    assert "un résumé par jour" in html

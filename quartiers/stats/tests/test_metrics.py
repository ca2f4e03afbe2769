"""Participation figures: one grouped query per metric, portals kept apart."""

from datetime import date, datetime, timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.agenda.models import Event
from quartiers.classifieds.models import Ad
from quartiers.comments.models import Comment
from quartiers.newsroom.models import JournalIndexPage, Submission
from quartiers.stats import metrics
from quartiers.stats.metrics import Metric
from tests.factories import bulk_articles

pytestmark = pytest.mark.django_db

START, END = date(2025, 3, 1), date(2025, 3, 31)


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
        hours=hour
    )


IN = at(date(2025, 3, 10))
BEFORE = at(date(2025, 2, 10))
AFTER = at(date(2025, 4, 2))


def compute(key, portals, start=START, end=END):
    return metrics.metric(key).compute([p.pk for p in portals], start, end)


def user(email):
    return get_user_model().objects.get(email=email)


def comment(portal, author, when, status=Comment.PUBLISHED):
    item = Comment.objects.create(
        portal=portal,
        page=portal.home_page,
        author=author,
        body="Merci !",
        status=status,
    )
    Comment.objects.filter(pk=item.pk).update(created_at=when)
    return item


def ad(portal, author, when, published=True):
    item = Ad.objects.create(
        portal=portal,
        author=author,
        kind=Ad.GIFT,
        category="maison",
        title="Table à donner",
        text="Une table en bois.",
        status=Ad.PUBLISHED if published else Ad.PENDING,
        published_at=when if published else None,
    )
    Ad.objects.filter(pk=item.pk).update(created_at=when)
    return item


def event(portal, author, when, status=Event.PUBLISHED):
    item = Event.objects.create(
        portal=portal,
        title="Fête du quartier",
        slug=f"fete-{Event.objects.count()}",
        start=when + timedelta(days=20),
        status=status,
        created_by=author,
    )
    Event.objects.filter(pk=item.pk).update(created_at=when)
    return item


def submission(portal, author, submitted, decided=None, status=Submission.IN_REVIEW):
    item = Submission.objects.create(
        portal=portal,
        author=author,
        title="Le marché",
        text="Il revient.",
        status=status,
    )
    Submission.objects.filter(pk=item.pk).update(
        created_at=submitted, submitted_at=submitted, decided_at=decided
    )
    return item


def test_active_residents_are_distinct_people_and_not_the_team(
    portal_a, portal_b, resident_a, resident_b, animator_a
):
    partner_a = user("partenaire.alpha@example.org")
    comment(portal_a, resident_a, IN)
    ad(portal_a, resident_a, IN)  # the same person twice: one resident
    submission(portal_a, partner_a, IN, status=Submission.DRAFT)
    event(portal_a, animator_a, IN)  # the animator's work is not participation
    comment(portal_a, user("habitant.beta@example.org"), BEFORE)  # too early
    comment(portal_a, resident_b, AFTER)  # too late
    comment(portal_b, resident_b, IN)
    assert compute("active_residents", [portal_a, portal_b]) == {
        portal_a.pk: 2,
        portal_b.pk: 1,
    }
    assert compute("active_residents", [portal_b]) == {portal_b.pk: 1}


def test_new_voices_published_for_the_first_time_in_the_period(
    portal_a, portal_b, resident_a, resident_b
):
    partner_a = user("partenaire.alpha@example.org")
    comment(portal_a, resident_a, IN)  # first time ever: a new voice
    ad(portal_a, partner_a, BEFORE)  # partner published before...
    comment(portal_a, partner_a, IN)  # ...so not new now
    comment(portal_a, resident_b, IN, status=Comment.PENDING)  # not published
    comment(portal_b, resident_a, BEFORE)  # elsewhere: does not count here
    submission(
        portal_b, resident_b, BEFORE, IN, status=Submission.PUBLISHED
    )  # published (decided) in the period
    assert compute("new_voices", [portal_a, portal_b]) == {
        portal_a.pk: 1,
        portal_b.pk: 1,
    }


def test_submissions_published_and_average_review_time(
    portal_a, portal_b, resident_a, resident_b
):
    day = date(2025, 3, 2)
    submission(portal_a, resident_a, at(day), at(day + timedelta(days=2)), "published")
    submission(portal_a, resident_a, at(day), at(day + timedelta(days=4)), "refused")
    submission(portal_a, resident_a, at(day))  # still in review
    submission(portal_a, resident_a, BEFORE)  # sent before the period
    submission(portal_b, resident_b, at(day), at(day + timedelta(days=1)), "published")
    portals = [portal_a, portal_b]
    assert compute("submissions", portals) == {portal_a.pk: 3, portal_b.pk: 1}
    assert compute("submissions_published", portals) == {
        portal_a.pk: 1,
        portal_b.pk: 1,
    }
    assert compute("review_days", portals) == {portal_a.pk: 3.0, portal_b.pk: 1.0}


def test_comments_ads_and_events_of_the_period(portal_a, portal_b, resident_a):
    comment(portal_a, resident_a, IN)
    comment(portal_a, resident_a, IN, status=Comment.REMOVED)
    comment(portal_b, None, IN)
    ad(portal_a, resident_a, IN)
    ad(portal_a, resident_a, IN, published=False)
    ad(portal_a, resident_a, BEFORE)
    event(portal_a, resident_a, IN)
    event(portal_a, resident_a, IN, status=Event.PENDING)
    portals = [portal_a, portal_b]
    assert compute("comments", portals) == {portal_a.pk: 1, portal_b.pk: 1}
    assert compute("ads", portals) == {portal_a.pk: 1}
    assert compute("events", portals) == {portal_a.pk: 1}


def test_pages_are_counted_in_the_portal_whose_tree_holds_them(portal_a, portal_b):
    for portal, count in ((portal_a, 3), (portal_b, 1)):
        journal = JournalIndexPage.objects.child_of(portal.home_page).get()
        bulk_articles(journal, count, start=10 * portal.pk)
    today = timezone.localdate()
    got = compute("articles", [portal_a, portal_b], today - timedelta(days=1), today)
    assert got == {portal_a.pk: 3, portal_b.pk: 1}
    assert compute("articles", [portal_b], today, today) == {portal_b.pk: 1}
    assert compute("articles", [portal_a], START, END) == {}


def test_media_and_sharing_count_once_their_apps_exist():
    for key, label in (
        ("episodes", "radio.EpisodePage"),
        ("videos", "tv.VideoPage"),
        ("shares_sent", "network.Share"),
        ("shares_received", "network.ShareProposal"),
    ):
        app_label, name = label.split(".")
        try:
            apps.get_model(app_label, name)
            exists = True
        except LookupError:
            exists = False
        assert (metrics.metric(key) is not None) == exists, key


def test_every_metric_costs_one_query_whatever_the_number_of_portals(
    portal_a, portal_b, resident_a
):
    comment(portal_a, resident_a, IN)
    for item in metrics.metrics():
        with CaptureQueriesContext(connection) as queries:
            item.compute([portal_a.pk, portal_b.pk], START, END)
        assert len(queries.captured_queries) == 1, item.key


def test_apps_can_register_their_own_metric(portal_a):
    metrics.register_metric(
        Metric("trees", "Arbres plantés", lambda ids, start, end: {ids[0]: 7})
    )
    try:
        assert compute("trees", [portal_a]) == {portal_a.pk: 7}
        assert "trees" in [m.key for m in metrics.metrics()]
    finally:
        metrics.unregister_metric("trees")


@pytest.mark.skipif(
    not apps.is_installed("quartiers.network"), reason="network app not installed"
)
def test_shares_sent_and_received(portal_a, portal_b, animator_a):
    Share = apps.get_model("network", "Share")
    Proposal = apps.get_model("network", "ShareProposal")
    share = Share.objects.create(
        portal=portal_a,
        kind=Share.EVENT,
        event=event(portal_a, animator_a, IN),
        shared_by=animator_a,
    )
    Share.objects.filter(pk=share.pk).update(created_at=IN)
    Proposal.objects.create(
        share=share, portal=portal_b, status=Proposal.ACCEPTED, decided_at=IN
    )
    old = Share.objects.create(
        portal=portal_b, kind=Share.EVENT, event=event(portal_b, None, BEFORE)
    )
    Share.objects.filter(pk=old.pk).update(created_at=BEFORE)
    Proposal.objects.create(
        share=old, portal=portal_a, status=Proposal.DECLINED, decided_at=IN
    )
    portals = [portal_a, portal_b]
    assert compute("shares_sent", portals) == {portal_a.pk: 1}
    assert compute("shares_received", portals) == {portal_b.pk: 1}


def test_blog_posts_count_for_the_portal_of_their_blog(
    portal_a, portal_b, resident_a, coordinator
):
    from quartiers.accounts import services as account_services
    from quartiers.accounts.models import Membership
    from quartiers.blogs import services as blog_services

    membership = Membership.objects.get(user=resident_a, portal=portal_a)
    account_services.membership_set_role(
        portal=portal_a,
        actor=coordinator,
        membership_id=membership.pk,
        role=Membership.TRUSTED,
    )
    blog_services.blog_open(
        portal=portal_a, actor=resident_a, title="Carnets", presentation="J'écris."
    )
    post, online = blog_services.post_save(
        portal=portal_a, actor=resident_a, title="Le marché", text="Il revient."
    )
    assert online
    today = timezone.localdate()
    portals = [portal_a, portal_b]
    assert compute("blog_posts", portals, today, today) == {portal_a.pk: 1}
    assert compute("active_residents", portals, today, today) == {portal_a.pk: 1}
    assert compute("new_voices", portals, today, today) == {portal_a.pk: 1}

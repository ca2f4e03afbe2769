"""Followers of the classifieds and blogs sections hear of a new ad or post,
once; people whose event, suggested actor or blog post was refused find the
animators' word in their notifications, with a link to their contributions."""

import pytest

from quartiers.agenda import services as agenda_services
from quartiers.agenda.models import Event
from quartiers.agenda.tests.conftest import soon
from quartiers.blogs import services as blog_services
from quartiers.classifieds import services as ad_services
from quartiers.classifieds.models import Ad
from quartiers.directory import services as directory_services
from quartiers.lettre import services
from quartiers.lettre.models import Follow, Notification

pytestmark = pytest.mark.django_db


def _section_follower(portal, key: str, email: str):
    subscriber = services.subscriber_for_email(email)
    Follow.objects.create(
        subscriber=subscriber,
        portal=portal,
        target=Follow.SECTION,
        key=key,
        confirmed_at="2026-01-01T00:00:00Z",
    )
    return subscriber


def _new_posts(subscriber) -> list[str]:
    return list(
        Notification.objects.filter(
            subscriber=subscriber, kind=Notification.NEW_POST
        ).values_list("title", flat=True)
    )


def test_a_new_ad_reaches_the_followers_of_the_classifieds_once(
    portal_a, portal_b, resident_a, animator_a
):
    follower = _section_follower(portal_a, "annonces", "annonces@example.org")
    elsewhere = _section_follower(portal_b, "annonces", "ailleurs@example.org")
    ad = ad_services.ad_create(
        portal=portal_a,
        actor=resident_a,
        kind=Ad.GIFT,
        title="Lit bébé à donner",
        text="Bon état, à venir chercher.",
    )
    if ad.status == Ad.PENDING:
        assert _new_posts(follower) == []  # nothing before the animator's yes
        ad_services.ad_publish(portal=portal_a, actor=animator_a, ad_id=ad.pk)
    assert _new_posts(follower) == ["Lit bébé à donner"]
    notice = Notification.objects.get(subscriber=follower)
    assert notice.url == f"/alpha/annonces/{ad.pk}/"
    assert _new_posts(elsewhere) == []
    # Edited, hidden and back: no second notice.
    ad.refresh_from_db()
    ad.text = "Bon état, à venir chercher samedi."
    ad.save()
    ad.status = Ad.HIDDEN
    ad.save()
    ad.status = Ad.PUBLISHED
    ad.save()
    assert _new_posts(follower) == ["Lit bébé à donner"]


def test_a_new_blog_post_reaches_the_followers_of_the_blogs(
    portal_a, resident_a, animator_a
):
    from wagtail.models import WorkflowState

    follower = _section_follower(portal_a, "blogs", "blogs@example.org")
    blog = blog_services.blog_open(
        portal=portal_a, actor=resident_a, title="Carnet", presentation=""
    )
    post, online = blog_services.post_save(
        portal=portal_a, actor=resident_a, title="Les cerisiers", text="En fleurs."
    )
    for page in (blog, post):
        for state in WorkflowState.objects.filter(
            object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
        ):
            state.current_task_state.approve(user=animator_a)
    assert "Les cerisiers" in _new_posts(follower)


def _contribution_notices(user) -> list[Notification]:
    return list(
        Notification.objects.filter(
            subscriber__user=user, kind=Notification.CONTRIBUTION
        )
    )


def test_a_refused_event_notice_carries_the_word(portal_a, resident_a, animator_a):
    event = agenda_services.event_propose(
        portal=portal_a,
        actor=resident_a,
        fields=agenda_services.EventFields(
            title="Barbecue", start=soon(4), place_name="Square"
        ),
    )
    Event.objects.filter(pk=event.pk).update(status=Event.PENDING)
    agenda_services.event_set_status(
        portal=portal_a,
        actor=animator_a,
        event_id=event.pk,
        status=Event.REFUSED,
        reason="Les barbecues sont interdits au square.",
    )
    (notice,) = _contribution_notices(resident_a)
    assert "n'a pas été retenu" in notice.title
    assert "Les barbecues sont interdits au square." in notice.title
    assert notice.url == "/compte/contributions/"


def test_a_refused_suggestion_and_a_refused_post_are_notified_with_the_word(
    portal_a, resident_a, animator_a
):
    profile = directory_services.actor_suggest(
        portal=portal_a, actor=resident_a, fields={"name": "Salon de thé"}
    )
    directory_services.actor_refuse(
        portal=portal_a, actor=animator_a, actor_id=profile.pk, reason="Doublon."
    )
    blog_services.blog_open(
        portal=portal_a, actor=resident_a, title="Carnet", presentation=""
    )
    post, _online = blog_services.post_save(
        portal=portal_a, actor=resident_a, title="Coup de gueule", text="Texte."
    )
    blog_services.post_refuse(
        portal=portal_a, actor=animator_a, page_id=post.pk, reason="Trop personnel."
    )
    titles = [n.title for n in _contribution_notices(resident_a)]
    assert any("Salon de thé" in t and "Doublon." in t for t in titles)
    assert any("Coup de gueule" in t and "Trop personnel." in t for t in titles)

"""The rules of sharing, through the services: who may share what with whom,
and who answers. Bad input gets a clear message and creates nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from quartiers.agenda.models import Event
from quartiers.network import services
from quartiers.network.models import Share, ShareProposal

pytestmark = pytest.mark.django_db


def test_an_animator_shares_a_live_article_with_a_chosen_portal(
    portal_a, portal_b, animator_a, publish_article
):
    article = publish_article(portal_a, "La fête des voisins")
    share = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=article,
        targets=[portal_b.pk],
        note="Une belle fête.",
        audience=Share.AUDIENCE_PUBLIC,
    )
    assert share.kind == Share.ARTICLE
    assert share.page_id == article.pk and share.event_id is None
    assert share.shared_by == animator_a and share.note == "Une belle fête."
    proposal = ShareProposal.objects.get(share=share)
    assert proposal.portal == portal_b
    assert proposal.status == ShareProposal.PROPOSED


def test_sharing_with_the_network_proposes_it_to_every_other_portal(
    portal_a, portal_b, animator_a, publish_article
):
    article = publish_article(portal_a, "Portrait")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=article, network=True
    )
    assert share.to_network
    assert list(share.proposals.values_list("portal", flat=True)) == [portal_b.pk]


def test_the_receiving_animators_are_emailed_once(
    portal_a,
    portal_b,
    animator_a,
    publish_article,
    django_capture_on_commit_callbacks,
):
    article = publish_article(portal_a, "Portrait de Mme Benali")
    with django_capture_on_commit_callbacks(execute=True):
        share = services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=article,
            targets=[portal_b.pk],
            note="À reprendre !",
        )
    assert [m.to for m in mail.outbox] == [["animation.beta@example.org"]]
    assert "Portrait de Mme Benali" in mail.outbox[0].subject
    assert "À reprendre !" in mail.outbox[0].body
    assert "/admin/partages/" in mail.outbox[0].body
    # Sharing it again (same portals) neither duplicates nor emails twice.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.share_create(
            portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
        )
    assert again.pk == share.pk
    assert ShareProposal.objects.filter(share=share).count() == 1
    assert len(mail.outbox) == 1


def test_sharing_a_draft_is_refused_with_a_clear_message(
    portal_a, portal_b, animator_a, publish_article
):
    draft = publish_article(portal_a, "Brouillon", live=False)
    with pytest.raises(ValidationError) as error:
        services.share_create(
            portal=portal_a, actor=animator_a, item=draft, targets=[portal_b.pk]
        )
    assert "n'est pas publié" in error.value.messages[0]
    assert not Share.objects.exists()


def test_sharing_an_event_waiting_for_validation_is_refused(
    portal_a, portal_b, animator_a, make_event
):
    event = make_event(portal_a)
    Event.objects.filter(pk=event.pk).update(status=Event.PENDING)
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="pas encore publié"):
        services.share_create(
            portal=portal_a, actor=animator_a, item=event, targets=[portal_b.pk]
        )
    assert not Share.objects.exists()


def test_sharing_with_a_portal_that_does_not_exist_creates_nothing(
    portal_a, portal_b, animator_a, publish_article
):
    article = publish_article(portal_a, "Article")
    for targets in ([portal_b.pk, 987654], ["beta"], [None]):
        with pytest.raises(ValidationError) as error:
            services.share_create(
                portal=portal_a, actor=animator_a, item=article, targets=targets
            )
        assert "quartier" in error.value.messages[0]
    assert not Share.objects.exists()
    assert not ShareProposal.objects.exists()


def test_sharing_with_nobody_or_with_oneself_is_refused(
    portal_a, animator_a, publish_article
):
    article = publish_article(portal_a, "Article")
    with pytest.raises(ValidationError, match="au moins un quartier"):
        services.share_create(portal=portal_a, actor=animator_a, item=article)
    with pytest.raises(ValidationError, match="déjà dans votre quartier"):
        services.share_create(
            portal=portal_a, actor=animator_a, item=article, targets=[portal_a.pk]
        )
    assert not Share.objects.exists()


def test_an_unknown_audience_or_a_too_long_note_is_refused(
    portal_a, portal_b, animator_a, publish_article
):
    article = publish_article(portal_a, "Article")
    with pytest.raises(ValidationError):
        services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=article,
            targets=[portal_b.pk],
            audience="everyone",
        )
    with pytest.raises(ValidationError, match="raccourcissez"):
        services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=article,
            targets=[portal_b.pk],
            note="x" * 1001,
        )
    assert not Share.objects.exists()


def test_only_the_origins_animators_share_its_items(
    portal_a, portal_b, animator_b, resident_a, publish_article
):
    article = publish_article(portal_a, "Article")
    for actor in (resident_a, animator_b):
        with pytest.raises(PermissionDenied):
            services.share_create(
                portal=portal_a, actor=actor, item=article, targets=[portal_b.pk]
            )
    # An animator of B cannot pass A's article off as B's own.
    with pytest.raises(PermissionDenied):
        services.share_create(
            portal=portal_b, actor=animator_b, item=article, targets=[portal_a.pk]
        )
    assert not Share.objects.exists()


def test_a_page_that_is_not_an_article_episode_or_video_is_not_shared(
    portal_a, portal_b, animator_a
):
    with pytest.raises(ValidationError, match="ne se partage pas"):
        services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=portal_a.home_page,
            targets=[portal_b.pk],
        )


def test_the_receiving_animator_accepts_once(
    portal_a, portal_b, animator_a, animator_b, publish_article
):
    article = publish_article(portal_a, "Article")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
    )
    proposal = share.proposals.get()
    accepted = services.share_accept(
        portal=portal_b, actor=animator_b, proposal_id=proposal.pk
    )
    assert accepted.status == ShareProposal.ACCEPTED
    assert accepted.decided_by == animator_b and accepted.decided_at is not None
    with pytest.raises(ValidationError, match="déjà accepté"):
        services.share_accept(
            portal=portal_b, actor=animator_b, proposal_id=proposal.pk
        )
    assert ShareProposal.objects.filter(share=share).count() == 1


def test_another_portals_proposal_answers_404(
    portal_a, portal_b, animator_a, animator_b, publish_article
):
    article = publish_article(portal_a, "Article")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
    )
    proposal = share.proposals.get()
    # A's animator answering, as A, for B's proposal: the same 404 as a missing one.
    with pytest.raises(Http404):
        services.share_accept(
            portal=portal_a, actor=animator_a, proposal_id=proposal.pk
        )
    with pytest.raises(Http404):
        services.share_decline(portal=portal_b, actor=animator_b, proposal_id=99999)
    with pytest.raises(Http404):
        services.share_accept(portal=portal_b, actor=animator_b, proposal_id="abc")
    # Not an animator of B: refused before anything is looked up.
    with pytest.raises(PermissionDenied):
        services.share_accept(
            portal=portal_b, actor=animator_a, proposal_id=proposal.pk
        )
    proposal.refresh_from_db()
    assert proposal.status == ShareProposal.PROPOSED


def test_declining_then_changing_ones_mind(
    portal_a, portal_b, animator_a, animator_b, publish_article
):
    article = publish_article(portal_a, "Article")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
    )
    proposal = share.proposals.get()
    services.share_decline(portal=portal_b, actor=animator_b, proposal_id=proposal.pk)
    with pytest.raises(ValidationError, match="déjà refusé"):
        services.share_decline(
            portal=portal_b, actor=animator_b, proposal_id=proposal.pk
        )
    services.share_accept(portal=portal_b, actor=animator_b, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == ShareProposal.ACCEPTED


def test_a_withdrawn_or_unpublished_item_cannot_be_accepted(
    portal_a, portal_b, animator_a, animator_b, publish_article
):
    first = publish_article(portal_a, "Retiré")
    second = publish_article(portal_a, "Dépublié")
    proposals = []
    for article in (first, second):
        share = services.share_create(
            portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
        )
        proposals.append(share.proposals.get())
    services.share_withdraw(
        portal=portal_a, actor=animator_a, share_id=proposals[0].share_id
    )
    second.unpublish()
    with pytest.raises(ValidationError, match="retiré"):
        services.share_accept(
            portal=portal_b, actor=animator_b, proposal_id=proposals[0].pk
        )
    with pytest.raises(ValidationError, match="plus en ligne"):
        services.share_accept(
            portal=portal_b, actor=animator_b, proposal_id=proposals[1].pk
        )


def test_only_the_origin_withdraws_and_only_once(
    portal_a, portal_b, animator_a, animator_b, publish_article
):
    article = publish_article(portal_a, "Article")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
    )
    with pytest.raises(PermissionDenied):
        services.share_withdraw(portal=portal_a, actor=animator_b, share_id=share.pk)
    with pytest.raises(Http404):
        services.share_withdraw(portal=portal_b, actor=animator_b, share_id=share.pk)
    withdrawn = services.share_withdraw(
        portal=portal_a, actor=animator_a, share_id=share.pk
    )
    assert withdrawn.withdrawn_at is not None
    with pytest.raises(ValidationError, match="déjà retiré"):
        services.share_withdraw(portal=portal_a, actor=animator_a, share_id=share.pk)


def test_after_a_withdrawal_the_item_can_be_shared_anew(
    portal_a, portal_b, animator_a, publish_article
):
    article = publish_article(portal_a, "Article")
    first = services.share_create(
        portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
    )
    services.share_withdraw(portal=portal_a, actor=animator_a, share_id=first.pk)
    second = services.share_create(
        portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
    )
    assert second.pk != first.pk
    assert second.proposals.get().status == ShareProposal.PROPOSED


def test_events_are_shared_while_they_are_still_to_come(
    portal_a, portal_b, animator_a, make_event
):
    event = make_event(portal_a, "Ciné plein air")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=event, targets=[portal_b.pk]
    )
    assert share.kind == Share.EVENT and share.event == event
    past = make_event(portal_a, "Vide-greniers passé")
    Event.objects.filter(pk=past.pk).update(
        finishes_at=timezone.now() - timedelta(days=1)
    )
    past.refresh_from_db()
    with pytest.raises(ValidationError, match="est passé"):
        services.share_create(
            portal=portal_a, actor=animator_a, item=past, targets=[portal_b.pk]
        )


def test_deleting_the_original_keeps_the_history_but_not_the_item(
    portal_a, portal_b, animator_a, publish_article
):
    article = publish_article(portal_a, "Article")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
    )
    article.delete()
    share.refresh_from_db()
    assert share.page_id is None
    assert share.proposals.count() == 1


def test_articles_episodes_videos_and_nothing_else_are_shareable_pages():
    from django.apps import apps

    from quartiers.network import kinds
    from quartiers.newsroom.models import ArticlePage, JournalIndexPage

    assert kinds.kind_for_page_class(ArticlePage).key == Share.ARTICLE
    assert kinds.kind_for_page_class(JournalIndexPage) is None
    for label, key in (("radio.EpisodePage", "episode"), ("tv.VideoPage", "video")):
        model = apps.get_model(label)
        assert kinds.kind_for_page_class(model).key == key

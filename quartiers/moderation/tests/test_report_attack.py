"""Reports cannot be used to take content down: only trusted reports hide.

The attack: anonymous reports with invented, never verified addresses (or
accounts whose address was never verified) used to hide any article, ad or
comment after three of them. They now reach the animators' queue and hide
nothing; verified accounts, weighted by trust, still hide an item at once.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Page

from quartiers.accounts import services as account_services
from quartiers.accounts.models import Membership
from quartiers.classifieds.models import Ad
from quartiers.classifieds.tests.conftest import make_ad  # noqa: F401
from quartiers.comments.models import Comment
from quartiers.comments.tests.factories import comment
from quartiers.moderation import selectors
from quartiers.moderation.models import Report, Withdrawal

from .helpers import account, hide, report_as

pytestmark = pytest.mark.django_db

KINDS = ("page", "commentaire", "annonce")


@pytest.fixture
def item(request, article_a, journal_a, portal_a, resident_a, make_ad):  # noqa: F811
    """One live item of each reportable kind, written by resident_a."""
    if request.param == "page":
        return article_a
    if request.param == "commentaire":
        return comment(journal_a, portal_a, resident_a, "Un avis tranché")
    return make_ad(portal_a, resident_a, "Vélo à donner")


def _is_online(kind, obj) -> bool:
    if kind == "page":
        return Page.objects.get(pk=obj.pk).live
    obj.refresh_from_db()
    if kind == "commentaire":
        return obj.status == Comment.PUBLISHED
    return obj.status == Ad.PUBLISHED


def _post(client, kind, pk, address="127.0.0.1", **data):
    return client.post(
        f"/reactions/signaler/{kind}/{pk}/",
        {"reason": "spam", "details": "", **data},
        REMOTE_ADDR=address,
    )


@pytest.mark.parametrize("item", KINDS, indirect=True)
def test_invented_addresses_and_unverified_accounts_take_nothing_down(
    client, item, request, animator_a
):
    kind = request.node.callspec.params["item"]
    # Ten anonymous reports, each from its own address and invented email.
    for n in range(10):
        response = _post(
            client,
            kind,
            item.pk,
            email=f"faux{n}@jetable.example",
            address=f"203.0.113.{n + 1}",
        )
        assert response.status_code == 200
    # Three accounts that never verified their address.
    for n in range(3):
        client.force_login(account(f"inconnu{n}@jetable.example", verified=False))
        assert _post(client, kind, item.pk).status_code == 200
    assert _is_online(kind, item)
    assert not Withdrawal.objects.exists()
    assert Report.objects.filter(object_id=item.pk).count() == 13
    # Still, the animators see every report in their queue.
    queue = selectors.moderation_queue(user=animator_a)
    [reported] = queue["reported_items"]
    assert reported.target.pk == item.pk and len(reported.reports) == 13
    assert reported.weight == 0 and not reported.withdrawn
    assert mail.outbox == []


@pytest.mark.parametrize("item", KINDS, indirect=True)
def test_anonymous_reports_add_nothing_to_verified_ones(client, item, request):
    kind = request.node.callspec.params["item"]
    for n in range(2):
        report_as(account(f"voisin{n}@example.org"), kind, item)
    for n in range(5):
        _post(client, kind, item.pk, email=f"faux{n}@jetable.example")
    assert _is_online(kind, item)


@pytest.mark.parametrize("item", KINDS, indirect=True)
def test_three_verified_accounts_hide_any_kind(item, request):
    kind = request.node.callspec.params["item"]
    hide(kind, item)
    assert not _is_online(kind, item)


def test_a_trusted_contributor_weighs_more(article_a, portal_a, animator_a, resident_b):
    trusted = account("confiance@example.org")
    membership = account_services.membership_join(portal=portal_a, actor=trusted)
    account_services.membership_set_role(
        portal=portal_a,
        actor=animator_a,
        membership_id=membership.pk,
        role=Membership.TRUSTED,
    )
    report_as(trusted, "page", article_a)
    assert Page.objects.get(pk=article_a.pk).live  # 2 of 3
    report_as(resident_b, "page", article_a)
    assert not Page.objects.get(pk=article_a.pk).live


def test_threshold_and_weights_are_settings(article_a, settings):
    settings.QUARTIERS_REPORT_THRESHOLD = 5
    settings.QUARTIERS_REPORT_WEIGHTS = {"verified": 2}
    report_as(account("un@example.org"), "page", article_a)
    report_as(account("deux@example.org"), "page", article_a)
    assert Page.objects.get(pk=article_a.pk).live
    report_as(account("trois@example.org"), "page", article_a)
    assert not Page.objects.get(pk=article_a.pk).live


def test_animator_and_author_are_told_at_once_with_a_review_path(
    client, journal_a, portal_a, resident_a, django_capture_on_commit_callbacks
):
    shown = comment(journal_a, portal_a, resident_a, "Un avis tranché")
    with django_capture_on_commit_callbacks(execute=True):
        hide("commentaire", shown)
    to_animator = next(
        m for m in mail.outbox if m.to == ["animation.alpha@example.org"]
    )
    assert "/admin/moderation/" in to_animator.body
    to_author = next(m for m in mail.outbox if m.to == ["habitant.alpha@example.org"])
    assert "Propos haineux ou discriminatoires" in to_author.body  # why
    review_path = f"/reactions/reexamen/commentaire/{shown.pk}/"
    assert review_path in to_author.body


def test_author_asks_for_a_review_and_the_animators_see_it(
    client,
    journal_a,
    portal_a,
    resident_a,
    animator_a,
    django_capture_on_commit_callbacks,
):
    shown = comment(journal_a, portal_a, resident_a, "Un avis tranché")
    hide("commentaire", shown)
    url = f"/reactions/reexamen/commentaire/{shown.pk}/"
    client.force_login(resident_a)
    assert client.get(url).status_code == 200
    empty = client.post(url, {"message": "  "})
    assert empty.status_code == 400
    assert "Expliquez en quelques mots" in empty.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"message": "C'était une blague entre voisins."})
    assert sent.status_code == 200
    assert [m.to for m in mail.outbox] == [["animation.alpha@example.org"]]
    assert "blague entre voisins" in mail.outbox[0].body
    queue = selectors.moderation_queue(user=animator_a)
    assert queue["reported_items"][0].review_message == (
        "C'était une blague entre voisins."
    )
    # Once is enough.
    again = client.post(url, {"message": "Encore moi."})
    assert again.status_code == 400
    assert Withdrawal.objects.get().review_message.startswith("C'était")


@pytest.mark.parametrize(
    "who", ["anonymous", "habitant.beta@example.org", "animation.beta@example.org"]
)
def test_only_the_author_may_ask_for_a_review(
    client, journal_a, portal_a, resident_a, who
):
    shown = comment(journal_a, portal_a, resident_a, "Un avis tranché")
    hide("commentaire", shown)
    url = f"/reactions/reexamen/commentaire/{shown.pk}/"
    if who == "anonymous":
        assert client.post(url, {"message": "x"}).status_code == 302  # to login
    else:
        client.force_login(get_user_model().objects.get(email=who))
        assert client.get(url).status_code == 404
        assert client.post(url, {"message": "x"}).status_code == 404
    assert Withdrawal.objects.get().review_requested_at is None


@pytest.mark.parametrize(
    "path",
    [
        "/reactions/reexamen/video/1/",
        "/reactions/reexamen/page/abc/",
        "/reactions/reexamen/commentaire/99999999999999999999999/",
        "/reactions/reexamen/annonce/-1/",
    ],
)
def test_review_request_of_nothing_answers_404(client, resident_a, path):
    client.force_login(resident_a)
    assert client.get(path).status_code == 404

"""The fediverse screens of the admin: animators moderate their own portal's
replies and proposals; another portal's answer 404; the coordinator sees
every portal's followers and deliveries."""

import pytest
from django.utils import timezone

from quartiers.federation.models import (
    Block,
    Delivery,
    FederatedObject,
    Follower,
    RemoteActor,
    RemoteReply,
    SharedItem,
)


@pytest.fixture
def remote(db):
    return RemoteActor.objects.create(
        uri="https://masto.example/users/alice",
        domain="masto.example",
        inbox="https://masto.example/users/alice/inbox",
        username="alice",
        display_name="Alice",
        fetched_at=timezone.now(),
    )


@pytest.fixture
def reply_a(portal_a, remote):
    target = FederatedObject.objects.create(
        portal=portal_a,
        kind="article",
        object_id=1,
        ap_id="https://quartiers.example/alpha/journal/x/",
        digest="x",
    )
    return RemoteReply.objects.create(
        portal=portal_a,
        actor=remote,
        target=target,
        ap_id="https://masto.example/statuses/1",
        content_html="<p>Quelle belle fête !</p>",
    )


def test_animator_sees_and_publishes_a_waiting_reply(
    staff_client, animator_a, portal_a, reply_a
):
    client = staff_client(animator_a)
    page = client.get(f"/admin/fedivers/{portal_a.pk}/")
    assert page.status_code == 200
    assert "Quelle belle fête !" in page.content.decode()
    assert "@alice@masto.example" in page.content.decode()
    response = client.post(
        f"/admin/fedivers/{portal_a.pk}/reponses/{reply_a.pk}/",
        {"decision": "publier"},
    )
    assert response.status_code == 302
    reply_a.refresh_from_db()
    assert reply_a.status == RemoteReply.PUBLISHED


def test_another_portals_animator_gets_404(staff_client, animator_b, portal_a, reply_a):
    client = staff_client(animator_b)
    assert client.get(f"/admin/fedivers/{portal_a.pk}/").status_code == 404
    response = client.post(
        f"/admin/fedivers/{portal_a.pk}/reponses/{reply_a.pk}/",
        {"decision": "publier"},
    )
    assert response.status_code == 404
    reply_a.refresh_from_db()
    assert reply_a.status == RemoteReply.PENDING


def test_a_reply_id_of_another_portal_is_404(
    staff_client, animator_b, portal_b, reply_a
):
    client = staff_client(animator_b)
    response = client.post(
        f"/admin/fedivers/{portal_b.pk}/reponses/{reply_a.pk}/",
        {"decision": "publier"},
    )
    assert response.status_code == 404


def test_animator_accepts_a_proposal(staff_client, animator_a, portal_a, remote):
    share = SharedItem.objects.create(
        portal=portal_a,
        origin=remote,
        ap_id="https://masto.example/a/1",
        type="Article",
        name="La fête à côté",
        url="https://masto.example/a/1",
    )
    client = staff_client(animator_a)
    assert (
        "La fête à côté"
        in client.get(f"/admin/fedivers/{portal_a.pk}/").content.decode()
    )
    client.post(
        f"/admin/fedivers/{portal_a.pk}/propositions/{share.pk}/",
        {"decision": "accepter"},
    )
    share.refresh_from_db()
    assert share.status == SharedItem.ACCEPTED


def test_blocking_a_server_with_a_bad_name_says_so(staff_client, animator_a, portal_a):
    client = staff_client(animator_a)
    response = client.post(
        f"/admin/fedivers/{portal_a.pk}/bloquer/",
        {"serveur": "pas un nom"},
        follow=True,
    )
    assert "Indiquez un nom de serveur" in response.content.decode()
    assert not Block.objects.exists()
    client.post(f"/admin/fedivers/{portal_a.pk}/bloquer/", {"serveur": "spam.example"})
    assert Block.objects.get().portal == portal_a


def test_following_a_bad_address_says_so(staff_client, animator_a, portal_a):
    client = staff_client(animator_a)
    response = client.post(
        f"/admin/fedivers/{portal_a.pk}/suivre/",
        {"adresse": "javascript:x"},
        follow=True,
    )
    assert "adresse complète" in response.content.decode()


def test_coordinator_sees_every_portal_status(
    staff_client, coordinator, portal_a, portal_b, remote
):
    Follower.objects.create(portal=portal_b, actor=remote, follow_id="https://m/f")
    Delivery.objects.create(
        portal=portal_b, inbox="https://m/inbox", activity={}, status=Delivery.FAILED
    )
    page = staff_client(coordinator).get("/admin/fedivers/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Quartier Alpha" in text and "Quartier Bêta" in text
    assert "@beta@" in text


def test_a_resident_may_not_open_the_screens(client, resident_a, portal_a):
    client.force_login(resident_a)
    response = client.get("/admin/fedivers/")
    assert response.status_code in (302, 403, 404)


def test_an_animators_answer_goes_back_out(
    staff_client,
    animator_a,
    portal_a,
    reply_a,
    network,
    base_url,
    django_capture_on_commit_callbacks,
):
    client = staff_client(animator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/fedivers/{portal_a.pk}/reponses/{reply_a.pk}/repondre/",
            {"reponse": "Merci Alice, à samedi <b>!</b>"},
        )
    assert response.status_code == 302
    reply_a.refresh_from_db()
    assert reply_a.status == RemoteReply.PUBLISHED
    (create,) = network.of_type("Create")
    assert create["url"] == "https://masto.example/users/alice/inbox"
    note = create["activity"]["object"]
    assert note["type"] == "Note"
    assert note["attributedTo"] == f"{base_url}/alpha/fedivers"
    assert note["inReplyTo"] == reply_a.ap_id
    assert "&lt;b&gt;" in note["content"]
    assert note["tag"][0]["href"] == "https://masto.example/users/alice"
    fetched = client.get(
        note["id"].replace(base_url, ""), HTTP_ACCEPT="application/activity+json"
    )
    assert fetched.status_code == 200
    assert fetched.json()["inReplyTo"] == reply_a.ap_id


def test_an_empty_answer_says_so(staff_client, animator_a, portal_a, reply_a):
    client = staff_client(animator_a)
    response = client.post(
        f"/admin/fedivers/{portal_a.pk}/reponses/{reply_a.pk}/repondre/",
        {"reponse": "   "},
        follow=True,
    )
    assert "Écrivez une réponse" in response.content.decode()
    reply_a.refresh_from_db()
    assert reply_a.status == RemoteReply.PENDING


def test_only_the_coordinator_blocks_a_server_network_wide(
    staff_client, coordinator, animator_a, portal_a
):
    refused = staff_client(animator_a).post(
        "/admin/fedivers/bloquer/", {"serveur": "spam.example"}
    )
    assert refused.status_code in (302, 403, 404)  # Wagtail sends it home
    assert not Block.objects.exists()
    client = staff_client(coordinator)
    client.post("/admin/fedivers/bloquer/", {"serveur": "spam.example"})
    block = Block.objects.get()
    assert block.portal is None and block.domain == "spam.example"
    assert "spam.example" in client.get("/admin/fedivers/").content.decode()

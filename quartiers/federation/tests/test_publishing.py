"""What followers receive when a portal's content changes, and what the
addresses of items answer to ActivityPub clients."""

import pytest
from django.utils import timezone

from quartiers.federation.models import (
    FederatedObject,
    Reaction,
    RemoteActor,
    RemoteReply,
)

from .conftest import RemoteAccount, post_activity

ACCEPT = {"HTTP_ACCEPT": "application/activity+json"}
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


@pytest.fixture
def follower_of_a(portal_a, network, alice):
    from quartiers.federation.models import Follower

    actor = RemoteActor.objects.create(
        uri=alice.uri,
        domain="masto.example",
        inbox=f"{alice.uri}/inbox",
        shared_inbox="https://masto.example/inbox",
        username="alice",
        key_id=alice.key_id,
        public_key_pem=alice.document()["publicKey"]["publicKeyPem"],
        fetched_at=timezone.now(),
    )
    Follower.objects.create(portal=portal_a, actor=actor, follow_id=f"{alice.uri}/f")
    return actor


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publishing_sends_create_and_announce_to_followers(
    build, portal_a, network, follower_of_a, base_url, on_commit
):
    with on_commit():
        page = build.article(portal_a, "Le jardin partagé ouvre")
    create = network.of_type("Create")
    announce = network.of_type("Announce")
    assert len(create) == 1 and len(announce) == 1
    activity = create[0]["activity"]
    assert create[0]["url"] == "https://masto.example/inbox"
    assert activity["actor"] == f"{base_url}/alpha/fedivers"
    article = activity["object"]
    assert article["type"] == "Article"
    assert article["name"] == "Le jardin partagé ouvre"
    assert article["id"] == f"{base_url}{page.url}"
    assert article["attributedTo"] == f"{base_url}/alpha/fedivers"
    assert PUBLIC in article["to"]
    assert article["cc"] == [f"{base_url}/alpha/fedivers/followers"]
    # FEP-1b12: the group announces the activity, with itself as audience.
    relayed = announce[0]["activity"]
    assert relayed["object"]["id"] == activity["id"]
    assert relayed["audience"] == f"{base_url}/alpha/fedivers"


def test_nothing_is_sent_for_another_portal_or_without_followers(
    build, portal_a, portal_b, network, follower_of_a, on_commit
):
    with on_commit():
        build.article(portal_b, "Chez les voisins")
    assert network.posted == []
    assert not FederatedObject.objects.exists()


def test_an_edit_sends_update_and_an_unchanged_save_nothing(
    build, portal_a, network, follower_of_a, on_commit
):
    with on_commit():
        page = build.article(portal_a, "Réunion publique")
    with on_commit():
        page.title = "Réunion publique : nouvelle date"
        page.save_revision().publish()
    (update,) = network.of_type("Update")
    assert update["activity"]["object"]["name"] == "Réunion publique : nouvelle date"
    created = network.of_type("Create")[0]["activity"]["object"]["id"]
    assert update["activity"]["object"]["id"] == created
    with on_commit():
        page.save_revision().publish()
    assert len(network.of_type("Update")) == 1


def test_unpublishing_sends_a_tombstone(
    build, portal_a, network, follower_of_a, on_commit
):
    with on_commit():
        page = build.article(portal_a, "Un article retiré")
    with on_commit():
        page.unpublish()
    (delete,) = network.of_type("Delete")
    tombstone = delete["activity"]["object"]
    assert tombstone["type"] == "Tombstone"
    assert tombstone["id"] == network.of_type("Create")[0]["activity"]["object"]["id"]
    assert FederatedObject.objects.get().state == FederatedObject.DELETED


def test_switching_a_section_off_withdraws_its_items(
    build, portal_a, network, follower_of_a, on_commit
):
    with on_commit():
        build.article(portal_a, "Dans le journal")
    with on_commit():
        portal_a.enabled_sections = [
            key for key in portal_a.enabled_sections if key != "journal"
        ]
        portal_a.save()
    assert len(network.of_type("Delete")) == 1


def test_an_event_is_federated_as_a_mobilizon_event(
    build, portal_a, network, follower_of_a, on_commit
):
    with on_commit():
        build.event(portal_a, "Vide-grenier de la rue Haute")
    (create,) = network.of_type("Create")
    event = create["activity"]["object"]
    assert event["type"] == "Event"
    assert event["name"] == "Vide-grenier de la rue Haute"
    assert event["startTime"]
    assert event["location"]["type"] == "Place"
    assert event["location"]["name"] == "Pelouse centrale"
    assert "organizer" in event


def test_moderation_removal_of_an_event_sends_delete(
    build, portal_a, network, follower_of_a, on_commit
):
    from quartiers.agenda.models import Event

    with on_commit():
        event = build.event(portal_a, "Concert")
    with on_commit():
        event.status = Event.PENDING
        event.save()
    assert len(network.of_type("Delete")) == 1


# --- Content negotiation ----------------------------------------------------


def test_an_article_address_answers_its_object(client, build, portal_a, base_url):
    page = build.article(portal_a, "La fête des voisins")
    response = client.get(page.url, **ACCEPT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/activity+json")
    article = response.json()
    assert "https://www.w3.org/ns/activitystreams" in article["@context"]
    assert article["type"] == "Article"
    assert article["id"] == f"{base_url}{page.url}"
    assert "Texte complet de La fête des voisins" in article["content"]
    html = client.get(page.url)
    assert html["Content-Type"].startswith("text/html")


def test_a_hidden_article_answers_404(client, build, portal_a):
    page = build.article(portal_a, "Brouillon", live=False)
    response = client.get(page.url, **ACCEPT)
    assert response.status_code == 404


def test_an_event_episode_and_video_answer_their_types(
    client, build, portal_a, base_url
):
    from quartiers.agenda.models import Event

    event = build.event(portal_a, "Atelier vélo")
    event = Event.objects.get(pk=event.pk)
    found = client.get(f"/alpha/agenda/{event.slug}/", **ACCEPT)
    assert found.status_code == 200
    assert found.json()["type"] == "Event"
    assert found.json()["startTime"]
    for page, kind in (
        (build.episode(portal_a), "Audio"),
        (build.video(portal_a), "Video"),
    ):
        response = client.get(page.url, **ACCEPT)
        if response.status_code == 404:
            pytest.skip("section switched off on this portal")
        assert response.status_code == 200
        assert response.json()["type"] == kind


def test_the_outbox_lists_only_visible_items_of_its_portal(
    client, build, portal_a, portal_b, base_url
):
    build.article(portal_a, "Visible chez Alpha")
    build.article(portal_a, "Caché chez Alpha", live=False)
    build.article(portal_b, "Visible chez Bêta")
    collection = client.get("/alpha/fedivers/outbox", **ACCEPT).json()
    assert collection["type"] == "OrderedCollection"
    page = client.get(collection["first"].replace(base_url, ""), **ACCEPT).json()
    assert page["type"] == "OrderedCollectionPage"
    names = [item["object"]["name"] for item in page["orderedItems"]]
    assert "Visible chez Alpha" in names
    assert "Caché chez Alpha" not in names
    assert "Visible chez Bêta" not in names
    assert all(item["type"] == "Create" for item in page["orderedItems"])
    assert client.get("/alpha/fedivers/outbox?page=x", **ACCEPT).status_code == 400


def test_authorized_fetch_requires_a_signed_read(
    client, build, portal_a, network, alice, base_url
):
    from quartiers.federation import services

    page = build.article(portal_a, "Pour les serveurs signés")
    keys = services.portal_actor_ensure(portal_a)
    keys.authorized_fetch = True
    keys.save()
    assert client.get(page.url, **ACCEPT).status_code == 401
    assert client.get("/alpha/fedivers/outbox", **ACCEPT).status_code == 401
    signed = alice.sign("get", page.url)
    assert client.get(page.url, **ACCEPT, **signed).status_code == 200
    # The actor stays readable: servers need its key to talk to us.
    assert client.get("/alpha/fedivers", **ACCEPT).status_code == 200


# --- Replies, likes, boosts -------------------------------------------------


def _federated_article(build, portal_a, on_commit):
    with on_commit():
        build.article(portal_a, "Le marché de Noël")
    return FederatedObject.objects.get()


def test_a_reply_becomes_a_pending_comment_credited_to_its_author(
    client, build, portal_a, network, follower_of_a, alice, on_commit
):
    target = _federated_article(build, portal_a, on_commit)
    note = {
        "id": f"{alice.uri}/statuses/1",
        "type": "Note",
        "attributedTo": alice.uri,
        "inReplyTo": target.ap_id,
        "content": '<p>Bravo !<script>alert(1)</script><img src="x"></p>',
        "to": [PUBLIC],
    }
    create = {
        "id": f"{alice.uri}/statuses/1/activity",
        "type": "Create",
        "actor": alice.uri,
        "object": note,
    }
    response = post_activity(client, "/alpha/fedivers/inbox", alice, create)
    assert response.status_code == 202
    reply = RemoteReply.objects.select_related("actor").get()
    assert reply.status == RemoteReply.PENDING
    assert reply.actor.handle == "@alice@masto.example"
    assert reply.target == target
    assert reply.content_html == "<p>Bravo !</p>"
    assert reply.portal == portal_a


def test_a_reply_from_a_trusted_server_is_published(
    client, build, portal_a, network, follower_of_a, alice, on_commit
):
    from quartiers.federation import services

    keys = services.portal_actor_ensure(portal_a)
    keys.trusted_domains = ["masto.example"]
    keys.save()
    target = _federated_article(build, portal_a, on_commit)
    note = {
        "id": f"{alice.uri}/statuses/2",
        "type": "Note",
        "attributedTo": alice.uri,
        "inReplyTo": target.ap_id,
        "content": "<p>Merci</p>",
    }
    post_activity(
        client,
        "/inbox",
        alice,
        {"id": f"{note['id']}/a", "type": "Create", "actor": alice.uri, "object": note},
    )
    assert RemoteReply.objects.get().status == RemoteReply.PUBLISHED


def test_a_reply_to_something_else_is_refused(
    client, build, portal_a, network, alice, base_url
):
    note = {
        "id": f"{alice.uri}/statuses/3",
        "type": "Note",
        "attributedTo": alice.uri,
        "inReplyTo": "https://ailleurs.example/notes/1",
        "content": "<p>Hors sujet</p>",
    }
    response = post_activity(
        client,
        "/alpha/fedivers/inbox",
        alice,
        {"id": f"{note['id']}/a", "type": "Create", "actor": alice.uri, "object": note},
    )
    assert response.status_code == 422
    assert not RemoteReply.objects.exists()


def test_a_note_written_by_someone_else_is_refused(
    client, build, portal_a, network, follower_of_a, alice, on_commit
):
    target = _federated_article(build, portal_a, on_commit)
    bob = network.add(RemoteAccount("bob"))
    note = {
        "id": f"{alice.uri}/statuses/4",
        "type": "Note",
        "attributedTo": bob.uri,
        "inReplyTo": target.ap_id,
        "content": "<p>Je parle au nom de Bob</p>",
    }
    response = post_activity(
        client,
        "/alpha/fedivers/inbox",
        alice,
        {"id": f"{note['id']}/a", "type": "Create", "actor": alice.uri, "object": note},
    )
    assert response.status_code == 422
    assert not RemoteReply.objects.exists()


def test_likes_and_boosts_are_counted_and_undone(
    client, build, portal_a, network, follower_of_a, alice, on_commit
):
    target = _federated_article(build, portal_a, on_commit)
    like = {
        "id": f"{alice.uri}/likes/1",
        "type": "Like",
        "actor": alice.uri,
        "object": target.ap_id,
    }
    boost = {
        "id": f"{alice.uri}/boosts/1",
        "type": "Announce",
        "actor": alice.uri,
        "object": target.ap_id,
    }
    inbox = "/alpha/fedivers/inbox"
    assert post_activity(client, inbox, alice, like).status_code == 202
    assert post_activity(client, inbox, alice, boost).status_code == 202
    counts = dict(
        Reaction.objects.filter(target=target).values_list("type", "activity_id")
    )
    assert set(counts) == {Reaction.LIKE, Reaction.ANNOUNCE}
    undo = {
        "id": f"{alice.uri}/undo/9",
        "type": "Undo",
        "actor": alice.uri,
        "object": like,
    }
    assert post_activity(client, inbox, alice, undo).status_code == 202
    assert list(Reaction.objects.values_list("type", flat=True)) == [Reaction.ANNOUNCE]


def test_a_reply_published_by_an_animator_is_relayed_by_the_group(
    client, build, portal_a, network, follower_of_a, alice, base_url, on_commit
):
    from quartiers.federation import services

    target = _federated_article(build, portal_a, on_commit)
    note = {
        "id": f"{alice.uri}/statuses/5",
        "type": "Note",
        "attributedTo": alice.uri,
        "inReplyTo": target.ap_id,
        "content": "<p>J'y serai</p>",
    }
    with on_commit():
        post_activity(
            client,
            "/alpha/fedivers/inbox",
            alice,
            {
                "id": f"{note['id']}/a",
                "type": "Create",
                "actor": alice.uri,
                "object": note,
            },
        )
    relayed = [
        post
        for post in network.of_type("Announce")
        if post["activity"]["object"] == note["id"]
    ]
    assert relayed == []  # pending: nothing relayed yet
    reply = RemoteReply.objects.get()
    with on_commit():
        services.reply_set_status(
            portal=portal_a, reply_id=reply.pk, status=RemoteReply.PUBLISHED
        )
    (announce,) = [
        post
        for post in network.of_type("Announce")
        if post["activity"]["object"] == note["id"]
    ]
    assert announce["activity"]["actor"] == f"{base_url}/alpha/fedivers"
    assert announce["activity"]["audience"] == f"{base_url}/alpha/fedivers"

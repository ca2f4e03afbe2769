"""The fediverse is one more surface of the one visibility rule: every
federated kind, put in every non-public state the visibility matrix knows,
leaves the item's ActivityPub address and the outbox, and followers get a
Delete once the periodic sweep runs (a status changed in bulk sends no
signal)."""

import pytest
from django.utils import timezone

from quartiers.federation import tasks
from quartiers.federation.models import Follower, RemoteActor
from quartiers.federation.objects import OBJECT_TYPES
from tests.test_visibility import COMMON, COMMON_STATES, FACTORIES, _public_item

ACCEPT = {"HTTP_ACCEPT": "application/activity+json"}


def _cases():
    for key in sorted(OBJECT_TYPES):
        for state in [*FACTORIES[key].states, *COMMON_STATES]:
            yield pytest.param(key, state, id=f"{key}-{state}")


def _outbox_names(client, portal):
    page = client.get(f"/{portal.slug}/fedivers/outbox?page=1", **ACCEPT)
    if page.status_code != 200:
        return []
    return [activity["object"]["name"] for activity in page.json()["orderedItems"]]


@pytest.mark.parametrize(("kind_key", "state"), list(_cases()))
def test_a_hidden_item_leaves_the_fediverse(
    client,
    portal_a,
    resident_a,
    network,
    alice,
    base_url,
    django_capture_on_commit_callbacks,
    kind_key,
    state,
):
    actor = RemoteActor.objects.create(
        uri=alice.uri,
        domain="masto.example",
        inbox=f"{alice.uri}/inbox",
        key_id=alice.key_id,
        fetched_at=timezone.now(),
    )
    Follower.objects.create(portal=portal_a, actor=actor, follow_id=f"{alice.uri}/f")
    with django_capture_on_commit_callbacks(execute=True):
        item = _public_item(kind_key, portal_a, resident_a)
    assert client.get(item.url, **ACCEPT).status_code == 200
    assert item.title in _outbox_names(client, portal_a)
    assert len(network.of_type("Create")) == 1

    apply = COMMON.get(state) or FACTORIES[kind_key].states[state]
    with django_capture_on_commit_callbacks(execute=True):
        apply(item, portal_a)
        tasks.sweep_all.call()
    portal_a.refresh_from_db()

    response = client.get(item.url, **ACCEPT)
    assert (
        response.status_code != 200 or "activity+json" not in response["Content-Type"]
    )
    assert item.title not in _outbox_names(client, portal_a)
    (delete,) = network.of_type("Delete")
    assert delete["activity"]["object"]["type"] == "Tombstone"

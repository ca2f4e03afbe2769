"""The demo sharing plan: accepted, pending and declined pieces between the
demo portals, played again without adding anything."""

import pytest

from quartiers.network.demo import seed_shares
from quartiers.network.models import Share, ShareProposal
from quartiers.portals import demo

pytestmark = pytest.mark.django_db


def _state():
    return (
        Share.objects.count(),
        sorted(
            ShareProposal.objects.values_list(
                "share__portal__slug", "portal__slug", "status"
            )
        ),
    )


@pytest.mark.slow
def test_the_demo_shares_pieces_between_portals_and_is_idempotent(client):
    specs = [
        s
        for s in demo.DEMO_PORTALS
        if s["slug"] in ("hauts-pres", "peupliers", "val-fleuri")
    ]
    demo.seed_demo(specs)
    count, proposals = _state()
    assert count >= 4
    assert ("peupliers", "hauts-pres", ShareProposal.ACCEPTED) in proposals
    assert ("hauts-pres", "peupliers", ShareProposal.ACCEPTED) in proposals
    assert ("val-fleuri", "hauts-pres", ShareProposal.DECLINED) in proposals
    assert ("peupliers", "val-fleuri", ShareProposal.ACCEPTED) in proposals
    statuses = {status for *_portals, status in proposals}
    assert statuses == {
        ShareProposal.ACCEPTED,
        ShareProposal.DECLINED,
        ShareProposal.PROPOSED,
    }
    assert {s.audience for s in Share.objects.all()} >= {
        Share.AUDIENCE_PUBLIC,
        Share.AUDIENCE_NETWORK,
    }
    demo.seed_demo(specs)
    seed_shares()
    assert _state() == (count, proposals)
    # The receiving journal of the demo shows a piece shared by a neighbour.
    html = client.get("/peupliers/journal/").content.decode()
    assert "Publié par <strong>Les Hauts-Prés</strong>" in html

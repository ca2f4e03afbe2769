import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartiers.agenda import services as agenda_services
from quartiers.agenda.tests.conftest import soon
from quartiers.network import services
from quartiers.network.models import Share, ShareProposal
from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.newsroom.models import ArticlePage


@pytest.fixture
def publish_article():
    def publish(portal, title, *, live=True):
        journal = newsroom_selectors.journal_of(portal)
        page = ArticlePage(
            title=title,
            chapo=f"Chapeau de {title}",
            body=json.dumps([{"type": "paragraph", "value": f"<p>{title}.</p>"}]),
        )
        journal.add_child(instance=page)
        if live:
            page.save_revision().publish()
        else:
            ArticlePage.objects.filter(pk=page.pk).update(live=False)
            page.refresh_from_db()
        return page

    return publish


@pytest.fixture
def make_event():
    """A published event of the portal, a few days from now."""

    def make(portal, title="Fête de quartier", *, days=3):
        fields = agenda_services.EventFields(
            title=title, start=soon(days), place_name="Pelouse centrale"
        )
        return agenda_services.event_propose(portal=portal, actor=None, fields=fields)

    return make


@pytest.fixture
def share_and_accept(animator_a, animator_b):
    """Share an item of portal A with portal B, and B accepts it."""

    def run(item, portal_a, portal_b, *, audience=Share.AUDIENCE_NETWORK):
        share = services.share_create(
            portal=portal_a,
            actor=animator_a,
            item=item,
            targets=[portal_b.pk],
            audience=audience,
        )
        proposal = ShareProposal.objects.get(share=share, portal=portal_b)
        services.share_accept(
            portal=portal_b, actor=animator_b, proposal_id=proposal.pk
        )
        return share

    return run


@pytest.fixture
def count_queries(client):
    def count(url: str) -> int:
        # A first visit warms the caches (site root paths...) that every
        # later visit finds ready.
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    return count

"""Accepted pieces show in the receiving portal's lists, credited to their
origin and linked to the original; never copied, so unpublishing, deleting
or withdrawing at the source removes them everywhere."""

import pytest

from quartiers.agenda.models import Event
from quartiers.agenda.tests.conftest import bulk_events
from quartiers.network import services
from quartiers.network.models import Share, ShareProposal
from quartiers.newsroom.models import ArticlePage
from tests.factories import bulk_articles

pytestmark = pytest.mark.django_db


def _journal(client, portal) -> str:
    response = client.get(f"/{portal.slug}/journal/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_accepted_article_shows_in_the_receiving_journal_with_its_origin(
    client, portal_a, portal_b, publish_article, share_and_accept
):
    article = publish_article(portal_a, "Le marché de nuit")
    share_and_accept(article, portal_a, portal_b)
    html = _journal(client, portal_b)
    assert "Le marché de nuit" in html
    assert "Publié par <strong>Quartier Alpha</strong>" in html
    original = article.url
    assert original.startswith("/alpha/journal/")
    assert f'href="{original}"' in html
    # A reference, not a copy: B holds no article of its own.
    assert not ArticlePage.objects.child_of(portal_b.home_page).exists()
    assert ArticlePage.objects.filter(title="Le marché de nuit").count() == 1
    # The origin's own journal lists it without a credit.
    assert "Publié par" not in _journal(client, portal_a)


def test_a_proposal_not_yet_accepted_or_declined_shows_nowhere(
    client, portal_a, portal_b, animator_a, animator_b, publish_article
):
    article = publish_article(portal_a, "Pas encore accepté")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=article, targets=[portal_b.pk]
    )
    assert "Pas encore accepté" not in _journal(client, portal_b)
    services.share_decline(
        portal=portal_b, actor=animator_b, proposal_id=share.proposals.get().pk
    )
    assert "Pas encore accepté" not in _journal(client, portal_b)
    assert "Pas encore accepté" not in client.get("/beta/").content.decode()


def test_withdrawal_removes_the_article_from_the_receiving_lists(
    client, portal_a, portal_b, animator_a, publish_article, share_and_accept
):
    article = publish_article(portal_a, "Article retiré")
    share = share_and_accept(article, portal_a, portal_b)
    assert "Article retiré" in _journal(client, portal_b)
    assert "Article retiré" in client.get("/beta/").content.decode()
    services.share_withdraw(portal=portal_a, actor=animator_a, share_id=share.pk)
    assert "Article retiré" not in _journal(client, portal_b)
    assert "Article retiré" not in client.get("/beta/").content.decode()
    # Still in its own portal.
    assert "Article retiré" in _journal(client, portal_a)


def test_unpublishing_at_the_origin_removes_it_and_republishing_brings_it_back(
    client, portal_a, portal_b, publish_article, share_and_accept
):
    article = publish_article(portal_a, "Article dépublié")
    share_and_accept(article, portal_a, portal_b)
    article.unpublish()
    assert "Article dépublié" not in _journal(client, portal_b)
    assert "Article dépublié" not in client.get("/beta/").content.decode()
    article.refresh_from_db()
    article.save_revision().publish()
    assert "Article dépublié" in _journal(client, portal_b)


def test_corrections_at_the_origin_show_in_the_receiving_portal(
    client, portal_a, portal_b, publish_article, share_and_accept
):
    article = publish_article(portal_a, "Titre avec une faute")
    share_and_accept(article, portal_a, portal_b)
    article.title = "Titre corrigé"
    article.save_revision().publish()
    html = _journal(client, portal_b)
    assert ">Titre corrigé</a>" in html
    assert ">Titre avec une faute</a>" not in html


def test_the_receiving_home_shows_accepted_pieces_of_every_kind(
    client, portal_a, portal_b, publish_article, make_event, share_and_accept
):
    share_and_accept(publish_article(portal_a, "Portrait partagé"), portal_a, portal_b)
    share_and_accept(make_event(portal_a, "Ciné plein air"), portal_a, portal_b)
    html = client.get("/beta/").content.decode()
    assert "Vu dans les quartiers voisins" in html
    assert "Portrait partagé" in html
    assert 'href="/alpha/agenda/cine-plein-air/"' in html
    assert html.count("Publié par <strong>Quartier Alpha</strong>") >= 2
    # A portal with nothing accepted shows no empty block.
    assert "Vu dans les quartiers voisins" not in client.get("/alpha/").content.decode()


def test_an_accepted_event_shows_in_the_receiving_agenda_linking_to_the_original(
    client, portal_a, portal_b, make_event, share_and_accept
):
    event = make_event(portal_a, "Ciné plein air")
    make_event(portal_b, "Fête de Bêta")
    share_and_accept(event, portal_a, portal_b)
    html = client.get("/beta/agenda/").content.decode()
    assert "Fête de Bêta" in html
    assert 'href="/alpha/agenda/cine-plein-air/"' in html
    assert 'href="/beta/agenda/cine-plein-air/"' not in html
    assert "Publié par <strong>Quartier Alpha</strong>" in html
    # Not in the origin's agenda twice, nor credited there.
    own = client.get("/alpha/agenda/").content.decode()
    assert own.count("Ciné plein air") == 1 and "Publié par" not in own


def test_an_event_sent_back_to_validation_leaves_the_receiving_agenda(
    client, portal_a, portal_b, animator_a, make_event, share_and_accept
):
    event = make_event(portal_a, "Ciné plein air")
    share = share_and_accept(event, portal_a, portal_b)
    Event.objects.filter(pk=event.pk).update(status=Event.REFUSED)
    assert "Ciné plein air" not in client.get("/beta/agenda/").content.decode()
    Event.objects.filter(pk=event.pk).update(status=Event.PUBLISHED)
    services.share_withdraw(portal=portal_a, actor=animator_a, share_id=share.pk)
    assert "Ciné plein air" not in client.get("/beta/agenda/").content.decode()


def test_sharing_to_a_portal_twice_never_lists_the_item_twice(
    client, portal_a, portal_b, animator_a, publish_article, share_and_accept
):
    article = publish_article(portal_a, "Un seul exemplaire")
    share_and_accept(article, portal_a, portal_b)
    services.share_create(portal=portal_a, actor=animator_a, item=article, network=True)
    assert ShareProposal.objects.filter(portal=portal_b).count() == 1
    assert _journal(client, portal_b).count(">Un seul exemplaire</a>") == 1


@pytest.mark.slow
def test_the_receiving_journal_costs_the_same_with_1_and_60_shares(
    client,
    portal_a,
    portal_b,
    animator_a,
    animator_b,
    publish_article,
    make_event,
    share_and_accept,
    count_queries,
):
    share_and_accept(publish_article(portal_a, "Premier partage"), portal_a, portal_b)
    share_and_accept(make_event(portal_a, "Premier événement"), portal_a, portal_b)
    few_journal = count_queries("/beta/journal/")
    few_home = count_queries("/beta/")
    few_agenda = count_queries("/beta/agenda/")
    from quartiers.newsroom import selectors as newsroom_selectors

    pages = bulk_articles(newsroom_selectors.journal_of(portal_a), 60, start=100)
    for page in ArticlePage.objects.filter(pk__in=[p.pk for p in pages]):
        share_and_accept(page, portal_a, portal_b, audience=Share.AUDIENCE_PUBLIC)
    assert count_queries("/beta/journal/") == few_journal
    assert count_queries("/beta/") == few_home
    assert count_queries("/beta/agenda/") == few_agenda
    for event in bulk_events(portal_a, 20):
        share_and_accept(event, portal_a, portal_b)
    assert count_queries("/beta/journal/") == few_journal
    assert count_queries("/beta/") == few_home
    assert count_queries("/beta/agenda/") == few_agenda
    assert _journal(client, portal_b).count("Publié par") == 12


def test_received_items_of_one_kind_leave_the_others_out(
    rf, portal_a, portal_b, publish_article, make_event, share_and_accept
):
    """The radio and TV pages ask only for episodes or videos."""
    from quartiers.network import selectors

    share_and_accept(publish_article(portal_a, "Article voisin"), portal_a, portal_b)
    share_and_accept(make_event(portal_a, "Fête voisine"), portal_a, portal_b)
    request = rf.get("/beta/")
    every = selectors.received_items(portal_b, request)
    assert {item.title for item in every} == {"Article voisin", "Fête voisine"}
    articles = selectors.received_items(portal_b, request, kind="article")
    assert [item.title for item in articles] == ["Article voisin"]
    assert selectors.received_items(portal_b, request, kind="video") == []


def test_an_accepted_event_is_in_the_receiving_calendar_and_api(
    client, portal_a, portal_b, make_event, share_and_accept
):
    """The subscription and the API hold what the agenda page shows."""
    from icalendar import Calendar

    event = make_event(portal_a, "Ciné plein air")
    make_event(portal_b, "Fête de Bêta")
    share_and_accept(event, portal_a, portal_b)
    response = client.get("/beta/agenda.ics")
    assert response.status_code == 200
    vevents = Calendar.from_ical(response.content).walk("VEVENT")
    found = {str(v["summary"]): str(v["url"]) for v in vevents}
    assert set(found) == {"Ciné plein air", "Fête de Bêta"}
    assert found["Ciné plein air"].endswith("/alpha/agenda/cine-plein-air/")
    api = client.get("/api/v1/occurrences", {"portal": "beta"})
    assert api.status_code == 200, api.content
    titles = {row["title"] for row in api.json()["results"]}
    assert titles == {"Ciné plein air", "Fête de Bêta"}

"""The animators' screens: share from a page or an event, answer proposals,
withdraw a share. Everything is limited to the person's portals: another
portal's page, event, proposal or share answers 404 like a missing one."""

from html import unescape

import pytest

from quartiers.agenda.models import Event
from quartiers.network import services
from quartiers.network.models import Share, ShareProposal

pytestmark = pytest.mark.django_db

INDEX = "/admin/partages/"


@pytest.fixture
def proposal_to_b(portal_a, portal_b, animator_a, publish_article):
    article = publish_article(portal_a, "Portrait de Mme Benali")
    share = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=article,
        targets=[portal_b.pk],
        note="Un beau portrait à reprendre.",
    )
    return share.proposals.get()


def test_the_receiving_animator_sees_the_proposal_and_accepts_it_after_confirming(
    staff_client, animator_b, proposal_to_b
):
    client = staff_client(animator_b)
    html = client.get(INDEX).content.decode()
    assert "Portrait de Mme Benali" in html
    assert "Un beau portrait à reprendre." in html
    accept_url = f"{INDEX}propositions/{proposal_to_b.pk}/accepter/"
    assert accept_url in html
    confirm = client.get(accept_url)
    assert confirm.status_code == 200
    assert "Publié par Quartier Alpha" in confirm.content.decode()
    proposal_to_b.refresh_from_db()
    assert proposal_to_b.status == ShareProposal.PROPOSED  # GET changes nothing
    response = client.post(accept_url)
    assert response.status_code == 302
    proposal_to_b.refresh_from_db()
    assert proposal_to_b.status == ShareProposal.ACCEPTED
    assert proposal_to_b.decided_by == animator_b
    # Accepting twice: a clear message, no 500, nothing duplicated.
    again = client.post(accept_url)
    assert again.status_code == 400
    assert "déjà accepté" in again.content.decode()
    assert ShareProposal.objects.filter(share=proposal_to_b.share).count() == 1
    answered = client.get(f"{INDEX}?onglet=repondus").content.decode()
    assert "Portrait de Mme Benali" in answered and "Retirer de nos listes" in answered


def test_the_receiving_animator_declines(staff_client, animator_b, proposal_to_b):
    client = staff_client(animator_b)
    response = client.post(f"{INDEX}propositions/{proposal_to_b.pk}/refuser/")
    assert response.status_code == 302
    proposal_to_b.refresh_from_db()
    assert proposal_to_b.status == ShareProposal.DECLINED
    assert "Portrait de Mme Benali" not in client.get(INDEX).content.decode()


def test_another_portals_proposal_answers_404(staff_client, animator_a, proposal_to_b):
    client = staff_client(animator_a)
    for decision in ("accepter", "refuser"):
        url = f"{INDEX}propositions/{proposal_to_b.pk}/{decision}/"
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert client.get(f"{INDEX}propositions/99999/accepter/").status_code == 404
    proposal_to_b.refresh_from_db()
    assert proposal_to_b.status == ShareProposal.PROPOSED
    # A's animator sees no proposal of B.
    assert "Portrait de Mme Benali" not in client.get(INDEX).content.decode()


def test_an_unknown_decision_answers_404(staff_client, animator_b, proposal_to_b):
    client = staff_client(animator_b)
    url = f"{INDEX}propositions/{proposal_to_b.pk}/supprimer/"
    assert client.post(url).status_code == 404


def test_an_animator_shares_a_page_with_the_whole_network_from_the_admin(
    staff_client, animator_a, portal_a, portal_b, publish_article
):
    article = publish_article(portal_a, "La fête des voisins")
    client = staff_client(animator_a)
    url = f"{INDEX}page/{article.pk}/"
    form = client.get(url).content.decode()
    assert "Quartier Bêta (Sarcelles)" in form
    assert "Quartier Alpha (Bobigny)" not in form  # not with oneself
    response = client.post(
        url, {"scope": "network", "note": "À lire !", "audience": "public"}
    )
    assert response.status_code == 302
    share = Share.objects.get(page=article)
    assert share.audience == Share.AUDIENCE_PUBLIC and share.note == "À lire !"
    assert list(share.proposals.values_list("portal", flat=True)) == [portal_b.pk]
    sent = client.get(f"{INDEX}?onglet=envoyes").content.decode()
    assert "La fête des voisins" in sent and f"{INDEX}{share.pk}/retirer/" in sent


def test_the_share_form_keeps_what_was_typed_and_explains_the_mistake(
    staff_client, animator_a, portal_a, publish_article
):
    article = publish_article(portal_a, "Article")
    client = staff_client(animator_a)
    url = f"{INDEX}page/{article.pk}/"
    no_target = client.post(
        url, {"scope": "chosen", "note": "Mon mot", "audience": "network"}
    )
    assert no_target.status_code == 400
    html = no_target.content.decode()
    assert "Cochez au moins un quartier" in html and "Mon mot" in html
    unknown = client.post(
        url,
        {"scope": "chosen", "targets": ["987654"], "audience": "network"},
    )
    assert unknown.status_code == 400
    assert "987654" in unknown.content.decode()
    bad_audience = client.post(url, {"scope": "network", "audience": "tout"})
    assert bad_audience.status_code == 400
    assert not Share.objects.exists()


def test_a_draft_is_not_shared_from_the_admin(
    staff_client, animator_a, portal_a, portal_b, publish_article
):
    draft = publish_article(portal_a, "Brouillon", live=False)
    client = staff_client(animator_a)
    url = f"{INDEX}page/{draft.pk}/"
    response = client.get(url)
    assert response.status_code == 400
    assert "publiez-le d'abord" in unescape(response.content.decode())
    response = client.post(url, {"scope": "network", "audience": "network"})
    assert response.status_code == 400
    assert not Share.objects.exists()


def test_another_portals_page_or_event_answers_404(
    staff_client, animator_b, portal_a, publish_article, make_event
):
    article = publish_article(portal_a, "Article d'Alpha")
    event = make_event(portal_a)
    client = staff_client(animator_b)
    for url in (
        f"{INDEX}page/{article.pk}/",
        f"{INDEX}evenement/{event.pk}/",
        f"{INDEX}page/99999/",
        f"{INDEX}evenement/99999/",
    ):
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"scope": "network", "audience": "network"}).status_code
            == 404
        )
    assert not Share.objects.exists()


def test_an_event_is_shared_from_the_admin(
    staff_client, animator_a, portal_a, portal_b, make_event
):
    event = make_event(portal_a, "Ciné plein air")
    client = staff_client(animator_a)
    response = client.post(
        f"{INDEX}evenement/{event.pk}/",
        {"scope": "chosen", "targets": [str(portal_b.pk)], "audience": "network"},
    )
    assert response.status_code == 302
    assert Share.objects.get(event=event).proposals.get().portal == portal_b
    Event.objects.filter(pk=event.pk).update(status=Event.PENDING)
    refused = client.get(f"{INDEX}evenement/{event.pk}/")
    assert refused.status_code == 400


def test_the_origin_withdraws_its_share_after_confirming(
    staff_client, animator_a, animator_b, proposal_to_b
):
    share = proposal_to_b.share
    url = f"{INDEX}{share.pk}/retirer/"
    assert staff_client(animator_b).post(url).status_code == 404
    client = staff_client(animator_a)
    assert client.get(url).status_code == 200
    share.refresh_from_db()
    assert share.withdrawn_at is None
    assert client.post(url).status_code == 302
    share.refresh_from_db()
    assert share.withdrawn_at is not None
    again = client.post(url)
    assert again.status_code == 400 and "déjà retiré" in again.content.decode()


def test_the_share_buttons_appear_on_live_articles_and_published_events(
    staff_client, animator_a, portal_a, publish_article, make_event
):
    article = publish_article(portal_a, "Article en ligne")
    draft = publish_article(portal_a, "Brouillon", live=False)
    event = make_event(portal_a)
    client = staff_client(animator_a)
    listing = client.get(f"/admin/pages/{article.get_parent().pk}/").content.decode()
    assert f"{INDEX}page/{article.pk}/" in listing
    assert f"{INDEX}page/{draft.pk}/" not in listing
    edit = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"{INDEX}page/{article.pk}/" in edit
    events = client.get("/admin/snippets/agenda/event/").content.decode()
    assert f"{INDEX}evenement/{event.pk}/" in events


def test_the_menu_and_the_dashboard_tell_what_waits(
    staff_client, animator_b, proposal_to_b
):
    client = staff_client(animator_b)
    home = unescape(client.get("/admin/").content.decode())
    assert "1 proposition d'un autre quartier attend votre réponse." in home
    assert "Partages (1)" in home


def test_residents_do_not_reach_the_sharing_screens(client, resident_a):
    client.force_login(resident_a)
    response = client.get(INDEX)
    assert response.status_code in (302, 403)


def test_the_confirmation_merges_the_portal_names_with_de(
    staff_client, animator_a, animator_b, portal_a, portal_b, proposal_to_b
):
    """« les listes des Hauts-Prés », « l'équipe du Moulin », never « de Les »."""
    portal_a.name = "Le Moulin"
    portal_a.save()
    portal_b.name = "Les Hauts-Prés"
    portal_b.save()
    client = staff_client(animator_b)
    base = f"{INDEX}propositions/{proposal_to_b.pk}/"
    accept = unescape(client.get(f"{base}accepter/").content.decode())
    decline = unescape(client.get(f"{base}refuser/").content.decode())
    assert "les listes des Hauts-Prés" in accept
    assert "les listes des Hauts-Prés" in decline
    assert "L'équipe du Moulin" in decline
    assert "de Les " not in accept + decline and "de Le " not in accept + decline

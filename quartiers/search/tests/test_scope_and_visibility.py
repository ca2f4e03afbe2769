"""Only public items of the right portal, and of sections switched on."""

import pytest
from django.core.management import call_command

from quartiers.classifieds.models import Ad
from quartiers.directory.models import LocalActor
from quartiers.search import selectors

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.search.tests.urls")]


def found(portal, q, **kwargs) -> list[str]:
    outcome = selectors.search(portal=portal, raw_query=q, **kwargs)
    return (
        sorted(r.item.title for r in outcome.page.object_list) if outcome.page else []
    )


def test_a_portal_never_shows_another_portals_items(portal_a, portal_b, article, ad):
    article(portal_a, "Potager partagé Alpha")
    ad(portal_b, "Potager à céder Bêta")
    assert found(portal_a, "potager") == ["Potager partagé Alpha"]
    assert found(portal_b, "potager") == ["Potager à céder Bêta"]


def test_network_search_shows_every_portal(portal_a, portal_b, article, ad):
    article(portal_a, "Potager partagé Alpha")
    ad(portal_b, "Potager à céder Bêta")
    outcome = selectors.search(portal=None, raw_query="potager")
    assert {r.item.portal.slug for r in outcome.page.object_list} == {"alpha", "beta"}


def test_drafts_unpublished_and_deleted_pages_are_not_found(portal_a, article):
    article(portal_a, "Brouillon sur la piscine", live=False)
    published = article(portal_a, "Réouverture de la piscine")
    assert found(portal_a, "piscine") == ["Réouverture de la piscine"]
    published.unpublish()
    assert found(portal_a, "piscine") == []
    published.delete()
    assert found(portal_a, "piscine") == []


def test_hidden_pending_refused_and_expired_ads_are_not_found(portal_a, ad):
    ad(portal_a, "Vélo en attente", status=Ad.PENDING)
    ad(portal_a, "Vélo masqué", status=Ad.HIDDEN)
    ad(portal_a, "Vélo refusé", status=Ad.REFUSED)
    ad(portal_a, "Vélo expiré", days_left=-1)  # the expiry task has not run
    ad(portal_a, "Vélo en ligne")
    assert found(portal_a, "vélo") == ["Vélo en ligne"]


def test_an_edited_ad_is_found_by_its_new_words(portal_a, ad):
    item = ad(portal_a, "Table en bois")
    item.title = "Armoire en chêne"
    item.save()
    assert found(portal_a, "armoire") == ["Armoire en chêne"]
    assert found(portal_a, "table") == []


def test_suggested_actors_and_pending_events_are_not_found(portal_a, actor, event):
    from quartiers.agenda.models import Event

    actor(portal_a, "Club de boxe suggéré", status=LocalActor.SUGGESTED)
    event(portal_a, "Tournoi de boxe en attente", status=Event.PENDING)
    actor(portal_a, "Club de boxe du quartier")
    assert found(portal_a, "boxe") == ["Club de boxe du quartier"]


def test_a_section_switched_off_hides_its_kind(portal_a, ad, article):
    ad(portal_a, "Poussette pour jumeaux")
    article(portal_a, "Les jumeaux du quartier")
    portal_a.enabled_sections = [
        key for key in portal_a.enabled_sections if key != "annonces"
    ]
    portal_a.save()
    outcome = selectors.search(portal=portal_a, raw_query="jumeaux")
    assert [r.item.title for r in outcome.page.object_list] == [
        "Les jumeaux du quartier"
    ]
    assert "ad" not in {kind.key for kind in outcome.kinds}
    # Asking for the hidden kind by its key shows everything else instead.
    outcome = selectors.search(portal=portal_a, raw_query="jumeaux", kind_key="ad")
    assert outcome.kind is None


def test_update_index_rebuilds_the_french_entries(portal_a, ad, article, practical):
    ad(portal_a, "Cours de guitare")
    article(portal_a, "Concert des élèves de guitare")
    practical(portal_a, "Écoles de musique", "Où apprendre la guitare.")
    call_command("update_index", verbosity=0)
    assert found(portal_a, "guitares") == [
        "Concert des élèves de guitare",
        "Cours de guitare",
        "Écoles de musique",
    ]


def test_every_kind_is_found(
    portal_a, resident_a, article, ad, event, actor, practical, blogpost
):
    article(portal_a, "Kermesse : l'article")
    ad(portal_a, "Kermesse : l'annonce")
    event(portal_a, "Kermesse : l'événement")
    actor(portal_a, "Kermesse : l'acteur")
    practical(portal_a, "Kermesse : l'info pratique")
    blogpost(portal_a, resident_a, "Kermesse : le billet")
    outcome = selectors.search(portal=portal_a, raw_query="kermesse")
    assert {r.kind.key for r in outcome.page.object_list} == {
        "article",
        "ad",
        "event",
        "actor",
        "practical",
        "blogpost",
    }

"""French matching: accents, case, plurals and simple inflections."""

import pytest

from quartiers.search import normalize, selectors

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.search.tests.urls")]


def titles(outcome) -> list[str]:
    return [result.item.title for result in outcome.page.object_list]


def found(portal, q, **kwargs) -> list[str]:
    outcome = selectors.search(portal=portal, raw_query=q, **kwargs)
    return titles(outcome) if outcome.page else []


def test_stems_meet_across_accents_case_and_number():
    for a, b in [
        ("École", "ecoles"),
        ("associations", "Association"),
        ("voisines", "voisin"),
        ("journaux", "journal"),
        ("bureaux", "bureau"),
        ("jardiner", "jardins"),
        ("Œuvre", "oeuvres"),
    ]:
        assert normalize.stem(normalize.fold(a)) == normalize.stem(normalize.fold(b))
    assert normalize.index_text("L'école et les jardins") == "ecol jardin"


def test_accents_and_case_do_not_matter(portal_a, article, ad):
    article(portal_a, "Rentrée à l'École Jules-Ferry", "Les enfants reprennent.")
    ad(portal_a, "Cartable pour l'ÉCOLE", "Presque neuf.")
    assert sorted(found(portal_a, "ecole")) == [
        "Cartable pour l'ÉCOLE",
        "Rentrée à l'École Jules-Ferry",
    ]
    assert len(found(portal_a, "ÉCOLE")) == 2
    assert len(found(portal_a, "rentree")) == 1


def test_plurals_and_inflections_match(portal_a, actor, event):
    actor(portal_a, "Maison des associations", "Elle accueille les associations.")
    event(portal_a, "Forum de l'association sportive", "Venez nombreuses.")
    assert len(found(portal_a, "associations")) == 2
    assert len(found(portal_a, "association")) == 2
    assert found(portal_a, "sportives") == ["Forum de l'association sportive"]
    assert found(portal_a, "nombreux") == []  # a different word, not an ending


def test_prefix_with_a_star(portal_a, article):
    article(portal_a, "Le jardinage au pied des tours", "Semis et récoltes.")
    assert found(portal_a, "jardin*") == ["Le jardinage au pied des tours"]
    assert found(portal_a, "jardin") == []
    # Two letters are too few for a prefix: read as a plain word.
    assert found(portal_a, "ja*") == []


def test_all_words_must_be_found_title_and_text_together(portal_a, article):
    article(portal_a, "Fête des voisins", "Rendez-vous sur la place du marché.")
    assert found(portal_a, "fête marché") == ["Fête des voisins"]
    assert found(portal_a, "fête piscine") == []

"""The content kinds apps declare: what is public, per portal, at constant cost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartiers.portals.features import registry

KINDS = ["article", "blogpost", "ad", "event", "actor", "practical"]


def _items(key, portal):
    kind = registry.content_kind(key)
    return [kind.to_item(row) for row in kind.published(portal)]


def _queries(key, portal) -> int:
    with CaptureQueriesContext(connection) as context:
        _items(key, portal)
    return len(context.captured_queries)


def test_every_kind_is_registered_with_its_section():
    sections = {
        key: registry.content_kind(key).section_key
        for key in KINDS
        if registry.content_kind(key)
    }
    assert sections == {
        "article": "journal",
        "blogpost": "blogs",
        "ad": "annonces",
        "event": "agenda",
        "actor": "acteurs",
        "practical": "infos-pratiques",
    }


@pytest.mark.parametrize("key", KINDS)
def test_items_of_one_portal_never_include_another_portals(
    key, one_of_each, portal_a, portal_b
):
    one_of_each(1, portal=portal_a)
    one_of_each(1, portal=portal_b)
    items_a = _items(key, portal_a)
    assert items_a
    assert {item.portal.pk for item in items_a} == {portal_a.pk}
    every = _items(key, None)
    assert {item.portal.pk for item in every} == {portal_a.pk, portal_b.pk}


@pytest.mark.parametrize("key", KINDS)
def test_reading_many_items_costs_the_same_queries_as_a_few(key, one_of_each, portal_a):
    one_of_each(1)
    for item in _items(key, portal_a):
        if item.image is not None:
            item.image.get_rendition("fill-640x400")  # created once, as a feed would
    few = _queries(key, portal_a)
    one_of_each(4)
    for item in _items(key, portal_a):
        if item.image is not None:
            item.image.get_rendition("fill-640x400")
    many = _queries(key, portal_a)
    assert len(_items(key, portal_a)) >= 4
    assert many == few


def test_a_switched_off_section_exposes_nothing(one_of_each, portal_a):
    one_of_each(1)
    portal_a.enabled_sections = [
        s for s in portal_a.enabled_sections if s != "annonces"
    ]
    portal_a.save()
    assert _items("ad", portal_a) == []
    assert all(item.portal.pk != portal_a.pk for item in _items("ad", None))
    assert _items("article", portal_a)


def test_drafts_and_private_things_are_not_exposed(build, portal_a, resident_a):
    build.article(portal_a, "Brouillon secret", live=False)
    hidden_blog = build.blog(portal_a, resident_a, live=False)
    build.post(hidden_blog, "Billet d'un blog pas encore en ligne")
    build.ad(portal_a, "Annonce en attente", status="pending")
    build.ad(portal_a, "Annonce expirée", expires_at=timezone.now() - timedelta(days=1))
    build.ad(portal_a, "Annonce masquée", status="hidden")
    build.event(portal_a, "Événement à valider", published=False)
    build.event(
        portal_a,
        "Événement passé",
        start=timezone.now() - timedelta(days=10),
    )
    build.actor(portal_a, "Acteur suggéré", status="suggested")
    build.practical(portal_a, "Fiche brouillon", live=False)
    for key in KINDS:
        assert _items(key, portal_a) == [], key


def test_newest_first(build, portal_a):
    older = build.article(portal_a, "Ancien")
    newer = build.article(portal_a, "Récent")
    type(older).objects.filter(pk=older.pk).update(
        first_published_at=timezone.now() - timedelta(days=3)
    )
    assert [item.id for item in _items("article", portal_a)] == [newer.pk, older.pk]


def test_article_item_carries_full_text_author_tags_and_image(
    build, portal_a, resident_a
):
    photo = build.image(portal_a)
    inline = build.image(portal_a, alt="Le jardin")
    article = build.article(
        portal_a,
        "Le jardin partagé",
        rubrique="vie-du-quartier",
        cover=photo,
        tags=("jardin",),
        author=resident_a,
        body=[
            {"type": "paragraph", "value": "<p>Un <b>beau</b> jardin.</p>"},
            {"type": "image", "value": {"image": inline.pk, "alt": "Des salades"}},
            {
                "type": "quote",
                "value": {"text": "On s'y retrouve", "attribution": "Awa"},
            },
        ],
    )
    (item,) = _items("article", portal_a)
    assert item.id == article.pk
    assert item.url == f"/{portal_a.slug}/journal/{article.slug}/"
    assert "<b>beau</b>" in item.body_html
    assert 'alt="Des salades"' in item.body_html
    assert (
        "On s&#x27;y retrouve" in item.body_html or "On s'y retrouve" in item.body_html
    )
    assert item.image == photo
    assert item.author == resident_a.public_name
    assert item.tags == ("jardin",)
    assert item.category
    assert item.summary == "Chapeau de Le jardin partagé"


def test_withdrawn_consent_hides_the_image(build, portal_a, resident_a):
    withdrawn = build.image(portal_a, consent="withdrawn")
    build.article(portal_a, cover=withdrawn)
    ad = build.ad(portal_a)
    build.ad_photo(ad, withdrawn)
    assert _items("article", portal_a)[0].image is None
    assert _items("ad", portal_a)[0].image is None


def test_event_item_shows_its_next_date_and_place(build, portal_a):
    from quartiers.agenda import recurrence

    first = timezone.now() - timedelta(days=6)
    build.event(
        portal_a,
        "Atelier couture",
        start=first,
        end=first + timedelta(hours=2),
        recurrence=recurrence.WEEKLY,
        recurrence_until=(timezone.now() + timedelta(days=60)).date(),
    )
    (item,) = _items("event", portal_a)
    assert item.extra["place"] == "Pelouse centrale"
    assert item.extra["start"] > timezone.now().isoformat()[:10]
    assert item.extra["all_day"] is False


def test_blog_post_item_names_blog_and_author(build, portal_a, resident_a):
    blog = build.blog(portal_a, resident_a, "Carnet de Awa")
    post = build.post(blog, "Les cerisiers")
    (item,) = _items("blogpost", portal_a)
    assert item.id == post.pk
    assert item.category == "Carnet de Awa"
    assert item.author == resident_a.public_name
    assert "<b>Les cerisiers</b>" in item.body_html
    assert item.url.endswith(f"/blogs/{blog.slug}/{post.slug}/")

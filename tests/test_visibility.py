"""The one visibility rule, checked on every surface for every content kind.

Every registered content kind (the feature registry) needs a factory here;
every non-public state is applied to a freshly published item of each kind,
and every surface the public reaches (the page itself, index pages, the
portal home, the API, feeds, search, widgets, oEmbed, sitemaps, the hub)
must then leave the item out. A kind registered without a factory, or a
state a kind cannot be put in without saying why, fails the test.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from quartiers.api.api import PATHS
from quartiers.outreach.tests.conftest import Builders
from quartiers.portals import visibility
from quartiers.portals.features import registry

pytestmark = pytest.mark.django_db


@dataclass
class Item:
    kind: str
    obj: object
    url: str  # its public address, taken while it was public
    title: str
    section_key: str


# -- surfaces: (client, portal, item) -> "is it shown" ----------------------


def _text(client, url, **params) -> str:
    response = client.get(url, params)
    if response.status_code != 200:
        return ""
    return response.content.decode()


def _api_ids(client, item, **params) -> list[int]:
    segment = PATHS.get(item.kind, f"{item.kind}s")
    response = client.get(f"/api/v1/{segment}", params)
    if response.status_code != 200:
        return []
    return [row["id"] for row in response.json()["results"]]


def page(client, portal, item):
    return client.get(item.url).status_code == 200


def api_list(client, portal, item):
    return item.obj.pk in _api_ids(client, item, portal=portal.slug)


def api_network_list(client, portal, item):
    return item.obj.pk in _api_ids(client, item)


def api_detail(client, portal, item):
    segment = PATHS.get(item.kind, f"{item.kind}s")
    return client.get(f"/api/v1/{segment}/{item.obj.pk}").status_code == 200


def portal_feed(client, portal, item):
    return item.url in _text(client, f"/{portal.slug}/rss.xml")


def network_feed(client, portal, item):
    return item.url in _text(client, "/rss.xml")


def section_feed(client, portal, item):
    section = registry.section(item.section_key)
    return item.url in _text(client, f"/{portal.slug}/{section.slug}/rss.xml")


def podcast_feed(client, portal, item):
    return item.url in _text(client, f"/{portal.slug}/radio/podcast.xml")


def calendar(client, portal, item):
    return item.url in _text(client, f"/{portal.slug}/agenda.ics")


def search(client, portal, item):
    return item.url in _text(client, f"/{portal.slug}/recherche/", q=item.title)


def network_search(client, portal, item):
    return item.url in _text(client, "/recherche/", q=item.title)


def widget_list(client, portal, item):
    from quartiers.outreach.widgets import WIDGET_KINDS

    return any(
        item.url in _text(client, f"/{portal.slug}/widgets/{widget.slug}/")
        for widget in WIDGET_KINDS
        if widget.content_kind == item.kind and not widget.needs_actor
    )


def widget_card(client, portal, item):
    url = f"/{portal.slug}/widgets/contenu/{item.kind}/{item.obj.pk}/"
    return client.get(url).status_code == 200


def oembed(client, portal, item):
    response = client.get("/oembed/", {"url": f"http://testserver{item.url}"})
    return response.status_code == 200


def sitemap(client, portal, item):
    return item.url in _text(client, f"/{portal.slug}/sitemap.xml")


def section_index(client, portal, item):
    section = registry.section(item.section_key)
    return item.url in _text(client, f"/{portal.slug}/{section.slug}/")


def portal_home(client, portal, item):
    return item.url in _text(client, f"/{portal.slug}/")


def hub(client, portal, item):
    return item.url in _text(client, "/")


SURFACES: dict[str, Callable] = {
    "page": page,
    "api_list": api_list,
    "api_network_list": api_network_list,
    "api_detail": api_detail,
    "portal_feed": portal_feed,
    "network_feed": network_feed,
    "section_feed": section_feed,
    "podcast_feed": podcast_feed,
    "calendar": calendar,
    "search": search,
    "network_search": network_search,
    "widget_list": widget_list,
    "widget_card": widget_card,
    "oembed": oembed,
    "sitemap": sitemap,
    "section_index": section_index,
    "portal_home": portal_home,
    "hub": hub,
}


# -- factories: a public item of each kind, and the states that hide it ------


def _page_states():
    return {
        "draft": lambda item, portal: item.obj.unpublish(),
        "parent_offline": lambda item, portal: item.obj.get_parent().unpublish(),
        "section_page_offline": lambda item, portal: _section_page(
            item.obj
        ).unpublish(),
    }


def _section_page(page):
    from wagtail.models import Page

    return Page.objects.get(path=page.path[: visibility.SECTION_DEPTH * Page.steplen])


def _status(value):
    def apply(item, portal):
        type(item.obj).objects.filter(pk=item.obj.pk).update(status=value)

    return apply


def _ad_expired(item, portal):
    type(item.obj).objects.filter(pk=item.obj.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )


@dataclass
class Factory:
    make: Callable  # (build, portal, user) -> model instance, public
    states: dict  # name -> (item, portal) -> None


def _ad_states():
    from quartiers.classifieds.models import Ad

    return {
        "pending": _status(Ad.PENDING),
        "hidden_by_moderation": _status(Ad.HIDDEN),
        "refused": _status(Ad.REFUSED),
        "expired": _ad_expired,
    }


def _event_states():
    from quartiers.agenda.models import Event

    return {
        "pending": _status(Event.PENDING),
        "refused": _status(Event.REFUSED),
        # An event that is over is not hidden: it keeps its address and goes
        # to the archives; the lists of coming events leave it out.
    }


def _actor_states():
    from quartiers.directory.models import LocalActor

    return {
        "suggested": _status(LocalActor.SUGGESTED),
        "refused": _status(LocalActor.REFUSED),
    }


FACTORIES: dict[str, Factory] = {
    "article": Factory(
        lambda build, portal, user: build.article(
            portal, "Fresque du passage Verlaine"
        ),
        _page_states(),
    ),
    "blogpost": Factory(
        lambda build, portal, user: build.post(
            build.blog(portal, user), "Carnet du jardin partagé"
        ),
        _page_states(),
    ),
    "ad": Factory(
        lambda build, portal, user: build.ad(portal, "Poussette bleue à donner"),
        _ad_states(),
    ),
    "event": Factory(
        lambda build, portal, user: build.event(portal, "Repas des voisins"),
        _event_states(),
    ),
    "actor": Factory(
        lambda build, portal, user: build.actor(portal, "Atelier vélo solidaire"),
        _actor_states(),
    ),
    "practical": Factory(
        lambda build, portal, user: build.practical(portal, "Horaires de la mairie"),
        _page_states(),
    ),
    "episode": Factory(
        lambda build, portal, user: build.episode(portal, "Marché du samedi matin"),
        _page_states(),
    ),
    "video": Factory(
        lambda build, portal, user: build.video(portal, "Tournoi de foot en images"),
        _page_states(),
    ),
}

# States every kind goes through: its portal switched its section off, or
# took its whole portal offline (its home page unpublished).
COMMON_STATES = ("section_off", "portal_offline")


def _section_off(item, portal):
    portal.enabled_sections = [
        key for key in portal.enabled_sections if key != item.section_key
    ]
    portal.save(update_fields=["enabled_sections"])


def _portal_offline(item, portal):
    portal.home_page.unpublish()


COMMON = {"section_off": _section_off, "portal_offline": _portal_offline}


def _cases():
    for kind in registry.content_kinds():
        factory = FACTORIES.get(kind.key)
        states = list(factory.states) if factory else ["(no factory)"]
        for state in [*states, *COMMON_STATES]:
            yield pytest.param(kind.key, state, id=f"{kind.key}-{state}")


def _public_item(kind_key, portal, user) -> Item:
    kind = registry.content_kind(kind_key)
    obj = FACTORIES[kind_key].make(Builders(), portal, user)
    row = visibility.visible(portal, kind).filter(pk=obj.pk).first()
    assert row is not None, f"the factory of {kind_key!r} made no public item"
    exposed = kind.to_item(row)
    return Item(kind_key, obj, exposed.url, exposed.title, kind.section_key)


@pytest.fixture
def no_feed_cache(settings):
    settings.QUARTIERS_FEED_CACHE_SECONDS = 0


def test_every_registered_kind_has_a_factory_and_states():
    keys = {kind.key for kind in registry.content_kinds()}
    assert keys, "no content kind is registered"
    missing = keys - set(FACTORIES)
    assert not missing, f"content kinds without a visibility factory: {missing}"
    for key in keys:
        assert FACTORIES[key].states, f"{key!r} declares no non-public state"


# Where a public item of each kind shows: the public side of the matrix, so
# that "not shown" below is never true only because a surface is broken.
# (kind, surface) pairs absent from here are not expected to show the kind.
_EVERYWHERE = {
    "page",
    "api_list",
    "api_network_list",
    "api_detail",
    "portal_feed",
    "network_feed",
    "section_feed",
    "search",
    "network_search",
    "sitemap",
    "section_index",
}
_EMBEDDABLE = {"portal_home", "widget_list", "widget_card", "oembed"}
SHOWN_WHEN_PUBLIC = {
    "article": _EVERYWHERE | _EMBEDDABLE,
    "blogpost": _EVERYWHERE,
    "ad": _EVERYWHERE | {"portal_home", "widget_list"},
    "event": _EVERYWHERE | {"portal_home", "widget_list", "calendar", "hub"},
    "actor": _EVERYWHERE | {"portal_home"},
    "practical": _EVERYWHERE,
    "episode": _EVERYWHERE | _EMBEDDABLE | {"podcast_feed"},
    "video": _EVERYWHERE | _EMBEDDABLE,
}  # fmt: skip


@pytest.mark.parametrize("kind_key", sorted(FACTORIES))
def test_a_public_item_shows_on_its_surfaces(
    client, portal_a, resident_a, no_feed_cache, kind_key
):
    item = _public_item(kind_key, portal_a, resident_a)
    shown = {
        name for name, surface in SURFACES.items() if surface(client, portal_a, item)
    }
    missing = SHOWN_WHEN_PUBLIC[kind_key] - shown
    assert not missing, f"a public {kind_key} is missing from {sorted(missing)}"


@pytest.mark.parametrize(("kind_key", "state"), list(_cases()))
def test_nothing_leaks_from_a_non_public_item(
    client, portal_a, resident_a, no_feed_cache, kind_key, state
):
    assert kind_key in FACTORIES, f"{kind_key!r} has no visibility factory"
    item = _public_item(kind_key, portal_a, resident_a)
    apply = COMMON.get(state) or FACTORIES[kind_key].states[state]
    apply(item, portal_a)
    portal_a.refresh_from_db()
    portal_a.home_page.refresh_from_db()

    assert not visibility.visible(portal_a, kind_key).filter(pk=item.obj.pk).exists()
    assert not visibility.visible(None, kind_key).filter(pk=item.obj.pk).exists()
    leaks = [
        name for name, surface in SURFACES.items() if surface(client, portal_a, item)
    ]
    assert not leaks, f"{kind_key} in state {state!r} still shows on {leaks}"


# -- shares between portals ---------------------------------------------------


def _share_with_beta(item, portal_a, portal_b, animator_a, animator_b):
    from quartiers.network import services
    from quartiers.network.models import Share, ShareProposal

    share = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=item.obj,
        targets=[portal_b.pk],
        audience=Share.AUDIENCE_PUBLIC,
    )
    proposal = ShareProposal.objects.get(share=share, portal=portal_b)
    services.share_accept(portal=portal_b, actor=animator_b, proposal_id=proposal.pk)


def _received_surfaces(client, portal_b, item) -> list[str]:
    """Where the receiving portal (and the hub) shows what it accepted."""
    section = registry.section(item.section_key)
    pages = {
        "receiver_section": f"/{portal_b.slug}/{section.slug}/",
        "receiver_home": f"/{portal_b.slug}/",
        "hub": "/",
    }
    return [name for name, url in pages.items() if item.url in _text(client, url)]


def _share_cases():
    from quartiers.network import kinds

    for key in sorted(kinds.KINDS):
        states = list(FACTORIES[key].states) if key in FACTORIES else ["?"]
        for state in [*states, *COMMON_STATES]:
            yield pytest.param(key, state, id=f"{key}-{state}")


@pytest.mark.parametrize(("kind_key", "state"), list(_share_cases()))
def test_a_shared_item_leaves_the_receivers_when_its_origin_hides_it(
    client,
    portal_a,
    portal_b,
    resident_a,
    animator_a,
    animator_b,
    no_feed_cache,
    kind_key,
    state,
):
    item = _public_item(kind_key, portal_a, resident_a)
    _share_with_beta(item, portal_a, portal_b, animator_a, animator_b)
    assert _received_surfaces(client, portal_b, item), (
        f"an accepted {kind_key} shows nowhere in the receiving portal"
    )
    apply = COMMON.get(state) or FACTORIES[kind_key].states[state]
    apply(item, portal_a)
    from django.core.cache import caches

    # The receivers' cached pages are drawn again after the commit, which a
    # test never reaches: start from empty caches.
    for cache in caches.all():
        cache.clear()
    leaks = _received_surfaces(client, portal_b, item)
    assert not leaks, f"a shared {kind_key} in state {state!r} still shows on {leaks}"


def test_surfaces_read_content_kinds_only_through_the_visibility_rule():
    """A new surface that lists a kind's ``published`` queryset directly
    would skip the parent chain and the section switch: only the rule
    itself (and the apps declaring their kinds) may call it."""
    import re
    from pathlib import Path

    import quartiers

    root = Path(quartiers.__file__).parent
    direct = re.compile(r"\.published\(")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name not in {"exposure.py", "visibility.py"}
        and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"call visibility.visible() instead in {offenders}"

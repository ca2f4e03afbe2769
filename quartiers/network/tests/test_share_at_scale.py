"""Sharing in a network of many portals: groups (a department, a network of
neighbourhoods), "tout le réseau" reaching portals that open later, a share
form that finds portals by search, and a hub whose cost does not grow with
the number of portals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from quartiers.accounts.models import Membership
from quartiers.network import selectors, services
from quartiers.network.models import PortalGroup, Share, ShareProposal
from quartiers.portals import services as portal_services
from quartiers.portals.models import Portal, PortalHomePage

FORM = "/admin/partages/page/{}/"


def open_portals(count: int, *, prefix: str = "qp", town: str = "Montreuil"):
    """Open portals made cheaply: a live home page and an animator each, no
    sections (what the hub and the share form need to list them)."""
    hub = portal_services.hub_page()
    # Portals are listed once opened, when the model says so.
    opened = {"is_open": True} if "is_open" in _portal_fields() else {}
    made = []
    for n in range(count):
        home = hub.add_child(
            instance=PortalHomePage(title=f"{prefix} {n}", slug=f"{prefix}-{n}")
        )
        made.append(
            Portal(
                slug=f"{prefix}-{n}",
                name=f"Quartier {prefix.upper()} {n:04d}",
                town=town,
                home_page=home,
                latitude=48.86,
                longitude=2.44,
                **opened,
            )
        )
    Portal.objects.bulk_create(made)
    portals = list(
        Portal.objects.filter(slug__startswith=f"{prefix}-").order_by("name")
    )
    animator = make_user(f"animation.{prefix}@example.org")
    Membership.objects.bulk_create(
        Membership(portal=portal, user=animator, role=Membership.ANIMATOR)
        for portal in portals
    )
    return portals


def _portal_fields() -> set[str]:
    return {field.name for field in Portal._meta.get_fields()}


@pytest.fixture
def department(coordinator, portal_b):
    return services.portal_group_save(
        actor=coordinator,
        group=PortalGroup(name="Seine-Saint-Denis", code="93"),
        portals=[portal_b],
    )


def receivers(share) -> set[int]:
    return set(share.proposals.values_list("portal_id", flat=True))


# -- groups ----------------------------------------------------------------


def test_sharing_with_a_group_reaches_its_portals_and_those_that_join_later(
    portal_a, portal_b, animator_a, coordinator, department, publish_article
):
    article = publish_article(portal_a, "Repair café")
    share = services.share_create(
        portal=portal_a, actor=animator_a, item=article, groups=[department.pk]
    )
    assert receivers(share) == {portal_b.pk}
    assert list(share.groups.all()) == [department]

    (newcomer,) = open_portals(1, prefix="nouveau")
    services.portal_group_save(
        actor=coordinator, group=department, portals=[portal_b, newcomer]
    )
    assert receivers(share) == {portal_b.pk, newcomer.pk}
    assert ShareProposal.objects.get(share=share, portal=newcomer).status == (
        ShareProposal.PROPOSED
    )


def test_the_origin_in_its_own_group_is_not_proposed_its_own_piece(
    portal_a, portal_b, animator_a, coordinator, department, publish_article
):
    services.portal_group_save(
        actor=coordinator, group=department, portals=[portal_a, portal_b]
    )
    share = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=publish_article(portal_a, "Fresque"),
        groups=[department],
    )
    assert receivers(share) == {portal_b.pk}


def test_only_the_coordinator_manages_groups(animator_a, department):
    with pytest.raises(PermissionDenied):
        services.portal_group_save(
            actor=animator_a, group=PortalGroup(name="Mes amis"), portals=[]
        )
    department.name = "Autre nom"
    with pytest.raises(PermissionDenied):
        services.portal_group_save(actor=animator_a, group=department)


def test_an_unknown_group_is_refused_in_french_and_nothing_is_shared(
    portal_a, animator_a, publish_article
):
    article = publish_article(portal_a, "Concert")
    for bad in (["abc"], [999999]):
        with pytest.raises(ValidationError) as caught:
            services.share_create(
                portal=portal_a, actor=animator_a, item=article, groups=bad
            )
        assert "groupe" in caught.value.messages[0]
    assert not Share.objects.exists()


# -- the whole network, now and later -----------------------------------------


def test_the_whole_network_reaches_a_portal_created_after_the_share(
    portal_a, portal_b, animator_a, publish_article
):
    live = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=publish_article(portal_a, "Fête des voisins"),
        network=True,
    )
    chosen = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=publish_article(portal_a, "Pour Bêta seulement"),
        targets=[portal_b.pk],
    )
    withdrawn = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=publish_article(portal_a, "Retiré"),
        network=True,
    )
    services.share_withdraw(portal=portal_a, actor=animator_a, share_id=withdrawn.pk)

    newcomer = portal_services.portal_create(
        actor=None, slug="gamma", name="Quartier Gamma", town="Stains"
    )
    assert set(
        ShareProposal.objects.filter(portal=newcomer).values_list("share", flat=True)
    ) == {live.pk}
    assert receivers(chosen) == {portal_b.pk}


def test_the_new_portals_animator_finds_the_network_share_waiting(
    staff_client, portal_a, animator_a, publish_article, coordinator
):
    share = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=publish_article(portal_a, "Atelier vélo"),
        network=True,
    )
    newcomer = portal_services.portal_create(
        actor=None, slug="delta", name="Quartier Delta", town="Pantin"
    )
    html = staff_client(coordinator).get("/admin/partages/").content.decode()
    assert "Atelier vélo" in html
    proposal = ShareProposal.objects.get(share=share, portal=newcomer)
    assert f'id="proposition-{proposal.pk}"' in html


# -- the share form ---------------------------------------------------------


def test_the_form_finds_portals_by_search_and_keeps_what_was_typed(
    staff_client, animator_a, portal_a, publish_article
):
    client = staff_client(animator_a)
    open_portals(30, prefix="bondy", town="Bondy")
    open_portals(3, prefix="creil", town="Creil")
    article = publish_article(portal_a, "Jardin partagé")
    response = client.post(
        FORM.format(article.pk),
        {
            "scope": "chosen",
            "q": "creil",
            "note": "Ça peut vous plaire.",
            "audience": Share.AUDIENCE_PORTAL,
            "chercher": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    labels = [label for _value, label in form.fields["targets"].choices]
    assert len(labels) == 3 and all("Creil" in label for label in labels)
    assert "Ça peut vous plaire." in html
    assert not Share.objects.exists()

    # Without a search, at most a page of portals, and a hint to search.
    response = client.get(FORM.format(article.pk))
    choices = response.context["form"].fields["targets"].choices
    assert len(choices) == selectors.TARGET_SEARCH_LIMIT
    assert "précisez la recherche" in response.content.decode()


def test_ticked_portals_stay_ticked_across_searches_then_are_shared_with(
    staff_client, animator_a, portal_a, publish_article
):
    client = staff_client(animator_a)
    creil = open_portals(2, prefix="creil", town="Creil")
    bondy = open_portals(2, prefix="bondy", town="Bondy")
    article = publish_article(portal_a, "Marché de Noël")
    url = FORM.format(article.pk)
    response = client.post(
        url,
        {
            "scope": "chosen",
            "q": "bondy",
            "targets": [str(creil[0].pk)],
            "audience": Share.AUDIENCE_NETWORK,
            "chercher": "1",
        },
    )
    choices = [
        int(v) for v, _label in response.context["form"].fields["targets"].choices
    ]
    assert choices[0] == creil[0].pk and set(choices[1:]) == {p.pk for p in bondy}
    assert f'value="{creil[0].pk}"' in response.content.decode()

    response = client.post(
        url,
        {
            "scope": "chosen",
            "q": "bondy",
            "targets": [str(creil[0].pk), str(bondy[1].pk)],
            "audience": Share.AUDIENCE_NETWORK,
        },
    )
    assert response.status_code == 302
    assert receivers(Share.objects.get()) == {creil[0].pk, bondy[1].pk}


def test_the_form_shares_with_a_group(
    staff_client, animator_a, portal_a, portal_b, department, publish_article
):
    client = staff_client(animator_a)
    article = publish_article(portal_a, "Tournoi")
    response = client.get(FORM.format(article.pk))
    html = response.content.decode()
    assert "Seine-Saint-Denis (93)" in html and "1 quartier" in html
    response = client.post(
        FORM.format(article.pk),
        {"scope": "chosen", "groups": [str(department.pk)], "audience": "network"},
    )
    assert response.status_code == 302
    share = Share.objects.get()
    assert list(share.groups.all()) == [department]
    assert receivers(share) == {portal_b.pk}


def test_choosing_nothing_is_explained_in_french(
    staff_client, animator_a, portal_a, publish_article
):
    client = staff_client(animator_a)
    article = publish_article(portal_a, "Vide")
    response = client.post(
        FORM.format(article.pk), {"scope": "chosen", "audience": "network"}
    )
    assert response.status_code == 400
    assert "Cochez au moins un quartier ou un groupe" in response.content.decode()


def _form_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_share_form_costs_the_same_with_many_portals(
    staff_client, animator_a, portal_a, publish_article
):
    client = staff_client(animator_a)
    url = FORM.format(publish_article(portal_a, "Brocante").pk)
    open_portals(3, prefix="few")
    few = _form_queries(client, url)
    open_portals(60, prefix="many")
    assert _form_queries(client, url) == few


# -- the hub -----------------------------------------------------------------


def _hub_queries(client) -> tuple[int, str]:
    client.get("/")
    with CaptureQueriesContext(connection) as context:
        response = client.get("/")
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_the_hub_costs_the_same_queries_with_many_portals(db, client, settings):
    settings.QUARTIERS_HUB_PAGE_SIZE = 24
    open_portals(3, prefix="few")
    few, _html = _hub_queries(client)
    open_portals(80, prefix="many")
    many, html = _hub_queries(client)
    assert many == few
    # Listed a page at a time, with a way to the next page.
    assert "page=2" in html


def test_the_coordinator_adds_a_portal_to_a_group_in_the_admin_and_it_receives(
    staff_client, coordinator, portal_a, portal_b, animator_a, publish_article
):
    client = staff_client(coordinator)
    response = client.post(
        "/admin/snippets/network/portalgroup/add/",
        {"name": "Val-d'Oise", "kind": PortalGroup.DEPARTMENT, "code": "95"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    group = PortalGroup.objects.get(code="95")
    share = services.share_create(
        portal=portal_a,
        actor=animator_a,
        item=publish_article(portal_a, "Cinéma en plein air"),
        groups=[group],
    )
    assert receivers(share) == set()
    response = client.post(
        f"/admin/snippets/network/portalgroup/edit/{group.pk}/",
        {
            "name": "Val-d'Oise",
            "kind": PortalGroup.DEPARTMENT,
            "code": "95",
            "portals": [str(portal_b.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert receivers(share) == {portal_b.pk}


def test_the_demo_groups_portals_by_department_and_plays_again_without_doubles(
    portal_a, portal_b
):
    from quartiers.network.demo import seed_groups

    seed_groups()
    seed_groups(portal_a)
    by_code = {g.code: set(g.portals.all()) for g in PortalGroup.objects.all()}
    assert PortalGroup.objects.count() == 4
    assert by_code["93"] == {portal_a}  # Bobigny
    assert by_code["95"] == {portal_b}  # Sarcelles

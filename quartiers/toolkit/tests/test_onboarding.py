"""A new portal gets its first-steps checklist; its animators tick it."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from quartiers.newsroom import selectors as newsroom_selectors
from quartiers.newsroom.models import ArticlePage, Rubrique
from quartiers.portals import services as portal_services
from quartiers.toolkit import checklist, selectors, services
from quartiers.toolkit.models import OnboardingStep, ToolkitIndexPage

pytestmark = pytest.mark.django_db


def _url(portal):
    return f"/admin/boite-a-outils/premiers-pas/{portal.pk}/"


def _state(portal):
    return {item["step"].key: item["done"] for item in selectors.checklist_for(portal)}


def test_new_portal_gets_its_checklist_rubriques_and_the_toolkit_once(coordinator):
    portal = portal_services.portal_create(
        actor=coordinator, slug="gamma", name="Quartier Gamma", town="Trappes"
    )
    assert sorted(
        OnboardingStep.objects.filter(portal=portal).values_list("key", flat=True)
    ) == sorted(checklist.STEP_KEYS)
    assert not OnboardingStep.objects.filter(portal=portal, done_at__isnull=False)
    # Newsroom gives the default rubriques; the toolkit does not add others.
    assert Rubrique.objects.filter(portal=portal).count() == 4
    assert ToolkitIndexPage.objects.count() == 1


def test_setup_runs_twice_without_duplicates(portal_a):
    services.portal_setup(portal_a)
    services.portal_setup(portal_a)
    assert OnboardingStep.objects.filter(portal=portal_a).count() == len(
        checklist.STEP_KEYS
    )


def test_animator_ticks_their_portal_only(staff_client, animator_a, portal_a, portal_b):
    client = staff_client(animator_a)
    response = client.post(_url(portal_a), {"fait": ["guide-comite", "widget"]})
    assert response.status_code == 302
    state = _state(portal_a)
    assert state["guide-comite"] and state["widget"]
    assert not _state(portal_b)["guide-comite"]

    response = client.post(_url(portal_b), {"fait": ["guide-comite"]})
    assert response.status_code == 404
    assert client.get(_url(portal_b)).status_code == 404
    assert not _state(portal_b)["guide-comite"]


def test_unticking_and_unknown_keys(staff_client, animator_a, portal_a):
    client = staff_client(animator_a)
    client.post(_url(portal_a), {"fait": ["guide-comite", "widget"]})
    first = OnboardingStep.objects.get(portal=portal_a, key="guide-comite").done_at
    client.post(_url(portal_a), {"fait": ["guide-comite", "n-importe-quoi", "x" * 500]})
    assert (
        OnboardingStep.objects.get(portal=portal_a, key="guide-comite").done_at == first
    )
    assert OnboardingStep.objects.get(portal=portal_a, key="widget").done_at is None
    assert not OnboardingStep.objects.filter(portal=portal_a, key="n-importe-quoi")


def test_service_refuses_other_portals(animator_b, portal_a):
    with pytest.raises(PermissionDenied):
        services.checklist_update(
            portal=portal_a, actor=animator_b, done_keys=["widget"]
        )


def test_redirect_stays_on_this_site(staff_client, animator_a, portal_a):
    client = staff_client(animator_a)
    response = client.post(
        _url(portal_a), {"fait": ["widget"], "next": "https://ailleurs.example/"}
    )
    assert response["Location"] == _url(portal_a)
    response = client.post(_url(portal_a), {"next": "/admin/"})
    assert response["Location"] == "/admin/"


def test_a_published_article_ticks_its_step_by_itself(portal_a, portal_b):
    assert not _state(portal_a)["premier-article"]
    article = ArticlePage(
        title="Premier article",
        body=json.dumps([{"type": "paragraph", "value": "<p>Bonjour.</p>"}]),
    )
    newsroom_selectors.journal_of(portal_a).add_child(instance=article)
    article.save_revision().publish()
    items = {item["step"].key: item for item in selectors.checklist_for(portal_a)}
    assert items["premier-article"]["done"] and items["premier-article"]["seen_done"]
    assert not _state(portal_b)["premier-article"]


def test_dashboard_panel_shows_the_animators_portal_only(staff_client, animator_a):
    html = staff_client(animator_a).get("/admin/").content.decode()
    assert "Premiers pas — Quartier Alpha" in html
    assert "Quartier Bêta" not in html
    assert 'name="fait" value="widget"' in html


def test_dashboard_panel_disappears_when_everything_is_done(
    staff_client, animator_a, portal_a
):
    services.checklist_update(
        portal=portal_a, actor=animator_a, done_keys=checklist.STEP_KEYS
    )
    html = staff_client(animator_a).get("/admin/").content.decode()
    assert "Premiers pas — Quartier Alpha" not in html


def test_checklist_reads_cost_a_constant_number_of_queries(
    portal_a, django_assert_max_num_queries
):
    with django_assert_max_num_queries(len(checklist.STEPS)):
        selectors.checklist_for(portal_a)

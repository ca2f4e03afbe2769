import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, WorkflowPage

from quartiers.portals import services
from quartiers.portals.features import registry
from quartiers.portals.models import Portal

pytestmark = pytest.mark.django_db


def test_portal_gets_home_every_section_collection_group_and_workflow(coordinator):
    portal = services.portal_create(
        actor=coordinator, slug="les-tilleuls", name="Les Tilleuls", town="Bondy"
    )

    children = portal.home_page.get_children().specific()
    assert {page.slug for page in children} == {s.slug for s in registry.sections()}
    assert all(page.live for page in children)
    assert portal.enabled_sections == registry.section_keys()
    assert portal.collection.name.startswith("Les Tilleuls")
    page_perms = GroupPagePermission.objects.filter(group=portal.animator_group)
    assert {p.page_id for p in page_perms} == {portal.home_page_id}
    assert {p.permission.codename for p in page_perms} >= {
        "add_page",
        "change_page",
        "publish_page",
    }
    collection_perms = GroupCollectionPermission.objects.filter(
        group=portal.animator_group
    )
    assert {p.collection_id for p in collection_perms} == {portal.collection_id}
    workflow = WorkflowPage.objects.get(page=portal.home_page).workflow
    assert list(workflow.tasks.specific()[0].groups.all()) == [portal.animator_group]


@pytest.mark.parametrize(
    "slug", ["admin", "compte", "api", "static", "media", "recherche"]
)
def test_slug_that_would_shadow_a_top_level_url_is_refused(coordinator, slug):
    with pytest.raises(ValidationError) as error:
        services.portal_create(actor=coordinator, slug=slug, name="X", town="Y")
    assert "réservé" in str(error.value)
    assert not Portal.objects.filter(slug=slug).exists()


def test_duplicate_slug_is_refused_and_nothing_half_created(coordinator, portal_a):
    pages_before = portal_a.home_page.get_parent().get_children().count()
    with pytest.raises(ValidationError):
        services.portal_create(actor=coordinator, slug="alpha", name="Autre", town="Y")
    assert portal_a.home_page.get_parent().get_children().count() == pages_before


def test_only_a_coordinator_creates_a_portal(animator_a):
    with pytest.raises(PermissionDenied):
        services.portal_create(actor=animator_a, slug="nouveau", name="N", town="T")


def test_colour_too_light_for_white_text_is_refused(coordinator):
    with pytest.raises(ValidationError) as error:
        services.portal_create(
            actor=coordinator,
            slug="clair",
            name="Clair",
            town="T",
            theme=services.PortalTheme(primary_color="#ffee88"),
        )
    assert "trop claire" in str(error.value)


def test_management_command_creates_a_portal(capsys):
    call_command("create_portal", slug="la-noue", name="La Noue", town="Montreuil")
    assert Portal.objects.get(slug="la-noue").home_page.live
    assert "/la-noue/" in capsys.readouterr().out


def test_management_command_explains_a_refused_slug():
    with pytest.raises(CommandError) as error:
        call_command("create_portal", slug="admin", name="A", town="T")
    assert "réservé" in str(error.value)


def test_portal_can_answer_on_its_own_domain(client, coordinator, portal_a):
    services.portal_set_domain(
        portal=portal_a, actor=coordinator, hostname="alpha.example.org"
    )

    home = client.get("/", HTTP_HOST="alpha.example.org")
    section = client.get("/journal/", HTTP_HOST="alpha.example.org")
    prefixed = client.get("/alpha/journal/")

    assert home.status_code == 200
    assert "Quartier Alpha" in home.content.decode()
    assert section.status_code == 200
    assert 'href="/journal/"' in section.content.decode()
    assert prefixed.status_code == 200


def test_animator_cannot_set_a_domain(animator_a, portal_a):
    with pytest.raises(PermissionDenied):
        services.portal_set_domain(
            portal=portal_a, actor=animator_a, hostname="x.example.org"
        )


def test_domain_command_and_unknown_portal(coordinator, portal_a, capsys):
    call_command("portal_domain", slug="alpha", hostname="alpha.example.org")
    assert "alpha.example.org" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("portal_domain", slug="nulle-part", hostname="x.example.org")

"""Only the network coordination edits the toolkit; animators read it."""

import pytest

from quartiers.toolkit.models import GuidePage

pytestmark = pytest.mark.django_db


def test_animators_have_no_right_on_toolkit_pages(
    animator_a, coordinator, toolkit, make_guide
):
    guide = make_guide("Mener une interview")
    for page in (toolkit, guide):
        rights = page.permissions_for_user(animator_a)
        assert not rights.can_edit()
        assert not rights.can_add_subpage()
        assert not rights.can_publish()
        assert not rights.can_delete()
    assert guide.permissions_for_user(coordinator).can_edit()
    assert toolkit.permissions_for_user(coordinator).can_add_subpage()


def test_animator_cannot_open_or_post_the_guide_editor(
    staff_client, animator_a, make_guide
):
    guide = make_guide("Mener une interview")
    client = staff_client(animator_a)
    response = client.get(f"/admin/pages/{guide.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(
        f"/admin/pages/{guide.pk}/edit/",
        {"title": "Piraté", "slug": guide.slug, "summary": "x", "audience": "public"},
    )
    assert response.status_code in (302, 403)
    guide.refresh_from_db()
    assert guide.title == "Mener une interview"
    assert guide.get_latest_revision().content["title"] == "Mener une interview"


def test_animator_cannot_add_a_guide(staff_client, animator_a, toolkit):
    client = staff_client(animator_a)
    url = f"/admin/pages/add/toolkit/guidepage/{toolkit.pk}/"
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"title": "Intrus", "slug": "intrus", "summary": "x"})
    assert not GuidePage.objects.filter(slug="intrus").exists()


def test_coordinator_opens_the_guide_editor(staff_client, coordinator, make_guide):
    guide = make_guide("Mener une interview")
    assert (
        staff_client(coordinator).get(f"/admin/pages/{guide.pk}/edit/").status_code
        == 200
    )


def test_toolkit_documents_are_outside_every_portal_collection(
    portal_a, portal_b, toolkit
):
    assert toolkit.collection is not None
    for portal in (portal_a, portal_b):
        assert not toolkit.collection.is_descendant_of(portal.collection)
        assert toolkit.collection != portal.collection


def test_animators_cannot_change_toolkit_documents(animator_a, coordinator, toolkit):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(get_document_model())

    document = get_document_model().objects.create(
        title="Autorisation",
        collection=toolkit.collection,
        file=ContentFile(b"%PDF-1.4\n", name="autorisation.pdf"),
    )
    for action in ("change", "delete"):
        assert not permission_policy.user_has_permission_for_instance(
            animator_a, action, document
        )
        assert permission_policy.user_has_permission_for_instance(
            coordinator, action, document
        )

"""Refusing a blog post in review: the blogs' own service and the admin
screen that calls it (permission first, one audit entry, the author told)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from wagtail.models import WorkflowState

from quartiers.blogs import services
from quartiers.blogs.models import Refusal

pytestmark = pytest.mark.django_db


def _post_in_review(portal, author, title="Le jardin partagé"):
    services.blog_open(portal=portal, actor=author, title="Carnet", presentation="")
    post, online = services.post_save(
        portal=portal, actor=author, title=title, text="Les tomates sont là."
    )
    assert not online
    return post


def test_only_an_animator_of_the_portal_may_refuse(
    portal_a, portal_b, resident_a, animator_b
):
    post = _post_in_review(portal_a, resident_a)
    with pytest.raises(PermissionDenied):
        services.post_refuse(
            portal=portal_a, actor=resident_a, page_id=post.pk, reason="Non."
        )
    with pytest.raises(PermissionDenied):
        services.post_refuse(
            portal=portal_a, actor=animator_b, page_id=post.pk, reason="Non."
        )
    # Through their own portal, another portal's post is a missing one.
    with pytest.raises(Http404):
        services.post_refuse(
            portal=portal_b, actor=animator_b, page_id=post.pk, reason="Non."
        )
    assert not Refusal.objects.exists()


def test_a_reason_is_needed_and_a_post_not_in_review_is_refused_clearly(
    portal_a, resident_a, animator_a
):
    post = _post_in_review(portal_a, resident_a)
    with pytest.raises(ValidationError):
        services.post_refuse(
            portal=portal_a, actor=animator_a, page_id=post.pk, reason=" "
        )
    services.post_refuse(
        portal=portal_a, actor=animator_a, page_id=post.pk, reason="Trop long."
    )
    with pytest.raises(ValidationError) as error:
        services.post_refuse(
            portal=portal_a, actor=animator_a, page_id=post.pk, reason="Encore."
        )
    assert "n'attend plus de relecture" in error.value.messages[0]
    assert Refusal.objects.count() == 1


def test_written_again_the_post_goes_back_to_review(
    client, portal_a, resident_a, animator_a
):
    post = _post_in_review(portal_a, resident_a)
    services.post_refuse(
        portal=portal_a, actor=animator_a, page_id=post.pk, reason="Ajoute la date."
    )
    services.post_save(
        portal=portal_a,
        actor=resident_a,
        title="Le jardin partagé",
        text="Les tomates sont là, samedi 12.",
        post_id=post.pk,
    )
    assert WorkflowState.objects.filter(
        object_id=str(post.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    client.force_login(resident_a)
    html = client.get("/compte/contributions/?type=post").content.decode()
    assert "en attente" in html and "Ajoute la date." not in html


def test_the_admin_screen_refuses_with_the_message(
    staff_client,
    portal_a,
    resident_a,
    animator_a,
    animator_b,
    django_capture_on_commit_callbacks,
):
    post = _post_in_review(portal_a, resident_a)
    url = f"/admin/blogs/billets/{post.pk}/refuser/"
    assert staff_client(animator_b).get(url).status_code == 404
    client = staff_client(animator_a)
    page = client.get(url)
    assert page.status_code == 200 and "Refuser le billet" in page.content.decode()
    # Nothing typed: the form says what is missing, nothing is done.
    answer = client.post(url, {"reason": ""})
    assert answer.status_code == 200
    assert "Expliquez pourquoi le billet est refusé." in answer.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"reason": "Pas de publicité, merci."})
    assert answer.status_code == 302
    assert Refusal.objects.get().message == "Pas de publicité, merci."
    assert any(
        "Pas de publicité, merci." in m.body
        for m in mail.outbox
        if resident_a.email in m.to
    )


def test_the_explorer_offers_the_refuse_button_for_a_post_in_review(
    staff_client, portal_a, resident_a, animator_a
):
    post = _post_in_review(portal_a, resident_a)
    html = (
        staff_client(animator_a)
        .get(f"/admin/pages/{post.get_parent().pk}/")
        .content.decode()
    )
    assert f"/admin/blogs/billets/{post.pk}/refuser/" in html

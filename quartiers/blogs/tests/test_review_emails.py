"""People are told where a blog post stands in its review."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from quartiers.blogs import services
from quartiers.blogs.models import BlogPostPage

pytestmark = pytest.mark.django_db


def _state(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()


def test_review_steps_send_the_emails_a_person_expects(
    client, resident_a, animator_a, portal_a, django_capture_on_commit_callbacks
):
    blog = services.blog_open(
        portal=portal_a, actor=resident_a, title="Chez Awa", presentation=""
    )
    _state(blog).current_task_state.approve(user=animator_a)
    mail.outbox.clear()
    client.force_login(resident_a)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/alpha/blogs/mon-blog/nouveau-billet/",
            {
                "title": "Le vide-grenier",
                "text": "Dimanche sur la place.",
                "photo_consent": "none",
            },
        )
    post = BlogPostPage.objects.get(title="Le vide-grenier")
    to_animator = [m for m in mail.outbox if "animation.alpha@example.org" in m.to]
    assert to_animator and "Le vide-grenier" in to_animator[0].subject
    assert not [m for m in mail.outbox if "animation.beta@example.org" in m.to]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _state(post).current_task_state.reject(
            user=animator_a, comment="Précise l'heure."
        )
    assert [
        m
        for m in mail.outbox
        if resident_a.email in m.to and "Précise l'heure." in m.body
    ]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _state(post).resume(user=resident_a)
        _state(post).current_task_state.approve(user=animator_a)
    assert [
        m for m in mail.outbox if resident_a.email in m.to and "en ligne" in m.subject
    ]

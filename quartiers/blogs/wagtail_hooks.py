"""The blogs in the admin: animators refuse a post in review with a message,
through the blogs' own service (permission first, one audit entry, the
author told)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import WorkflowState

from quartiers.portals import audit

from . import admin_views, services
from .models import BlogPage, BlogPostPage


@hooks.register("register_admin_urls")
def register_refuse_url():
    return [
        path(
            "blogs/billets/<int:page_id>/refuser/",
            admin_views.post_refuse,
            name="blogs_refuse",
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def refuse_button(page, user, next_url=None, **kwargs):
    if page.specific_class not in (BlogPostPage, BlogPage):
        return
    in_review = WorkflowState.objects.filter(
        base_content_type_id=page.get_base_content_type().pk,
        object_id=str(page.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).exists()
    if in_review:
        yield Button(
            _("Refuser le billet"),
            reverse("blogs_refuse", args=[page.pk]),
            priority=65,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            services.AUDIT_REFUSE: (
                _("Refuser un billet de blog"),
                _("Billet de blog refusé"),
            ),
        },
    )

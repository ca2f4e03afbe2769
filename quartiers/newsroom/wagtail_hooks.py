from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from quartiers.portals import audit
from quartiers.portals.admin_scoping import PortalScopedPolicy
from quartiers.portals.admin_writes import ServiceViewSet

from . import admin_views, services
from .models import ArticlePage, Rubrique, Submission


class RubriqueViewSet(ServiceViewSet):
    model = Rubrique
    icon = "folder-open-inverse"
    menu_label = _("Rubriques du journal")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "portal", "sort_order"]


register_permission_policy(Rubrique, PortalScopedPolicy(Rubrique))
register_snippet(RubriqueViewSet)


@hooks.register("register_admin_urls")
def register_refuse_url():
    return [
        path(
            "journal/propositions/<int:submission_id>/refuser/",
            admin_views.submission_refuse,
            name="newsroom_refuse",
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def refuse_button(page, user, next_url=None, **kwargs):
    if page.specific_class is not ArticlePage:
        return
    submission_id = (
        Submission.objects.filter(
            page_id=page.pk, status__in=["in_review", "changes_requested"]
        )
        .values_list("pk", flat=True)
        .first()
    )
    if submission_id is not None:
        yield Button(
            _("Refuser la proposition"),
            reverse("newsroom_refuse", args=[submission_id]),
            priority=65,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            services.AUDIT_REFUSE: (
                _("Refuser une proposition d'article"),
                _("Proposition d'article refusée"),
            ),
        },
    )

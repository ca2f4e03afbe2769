"""Animators validate suggested actors and attach partner accounts, in the admin,
for their own portals only."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from quartiers.portals import access
from quartiers.portals.admin_scoping import (
    PortalScopedPolicy,
    PortalScopedViewSet,
    ScopedEditView,
)

from . import services
from .models import LocalActor

register_permission_policy(LocalActor, PortalScopedPolicy(LocalActor))


class EditView(ScopedEditView):
    def form_valid(self, form):
        previous = (
            LocalActor.objects.filter(pk=self.object.pk)
            .values_list("status", flat=True)
            .first()
        )
        response = super().form_valid(form)
        # A decision taken here is told to the person who suggested the actor.
        services.actor_status_changed(actor_id=self.object.pk, previous=previous)
        return response


class LocalActorViewSet(PortalScopedViewSet):
    model = LocalActor
    icon = "group"
    menu_label = _("Acteurs du quartier")
    menu_name = "acteurs-du-quartier"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "kind", "status", "portal", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    ordering = ["-created_at"]
    edit_view_class = EditView

    def limit_form(self, form, user) -> None:
        if "managers" not in form.fields:
            return
        portals = access.animated_portals(user)
        # Only people of the animator's portals can be attached.
        managers = form.fields["managers"]
        managers.queryset = (
            managers.queryset.filter(memberships__portal__in=portals)
            .distinct()
            .order_by("email")
        )
        managers.label_from_instance = lambda person: f"{person} ({person.email})"
        managers.help_text = _(
            "Les comptes partenaires qui peuvent modifier cette fiche "
            "depuis le site, sans passer par l'administration."
        )


register_snippet(LocalActorViewSet)

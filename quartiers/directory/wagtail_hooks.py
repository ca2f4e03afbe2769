"""Animators validate suggested actors and attach partner accounts, in the admin,
for their own portals only. Every save goes through the directory's services:
a change of state is the animator's decision (audited, the person who
suggested the actor is told)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from quartiers.portals import access, audit
from quartiers.portals.admin_scoping import PortalScopedPolicy
from quartiers.portals.admin_writes import PortalObjectWrites, ServiceViewSet

from . import services
from .models import LocalActor

register_permission_policy(LocalActor, PortalScopedPolicy(LocalActor))


class ActorWrites(PortalObjectWrites):
    def save(self, *, actor, form, creating: bool):
        return services.actor_admin_save(
            portal=self.portal_of(form),
            actor=actor,
            profile=form.instance,
            fields=form.changed_data,
            managers=form.cleaned_data.get("managers"),
        )


class LocalActorViewSet(ServiceViewSet):
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
    writes = ActorWrites()

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


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            services.AUDIT_STATUS[LocalActor.PUBLISHED]: (
                _("Valider un acteur"),
                _("Acteur validé : il paraît dans l'annuaire"),
            ),
            services.AUDIT_STATUS[LocalActor.REFUSED]: (
                _("Refuser un acteur"),
                _("Acteur refusé ou retiré de l'annuaire"),
            ),
            services.AUDIT_STATUS[LocalActor.SUGGESTED]: (
                _("Remettre un acteur en suggestion"),
                _("Acteur remis en attente de validation"),
            ),
        },
    )

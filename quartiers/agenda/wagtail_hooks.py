"""The agenda in the admin: animators see and edit their portals' events only.

Every save and delete goes through the agenda's services (portals.admin_writes):
permission first, the dates computed before anything is shown, one audit
entry per act; a change of state is the animator's decision, audited as such.
"""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from quartiers.directory.models import LocalActor
from quartiers.portals import access, audit
from quartiers.portals.admin_writes import PortalObjectWrites, ServiceViewSet

from . import services
from .models import Event, EventCategory


class EventWrites(PortalObjectWrites):
    def save(self, *, actor, form, creating: bool):
        return services.event_admin_save(
            portal=self.portal_of(form),
            actor=actor,
            event=form.instance,
            fields=form.changed_data,
        )

    def delete(self, *, actor, instance) -> None:
        services.event_delete(portal=instance.portal, actor=actor, event_id=instance.pk)


class EventCategoryViewSet(ServiceViewSet):
    model = EventCategory
    icon = "tag"
    menu_label = _("Catégories d'événements")
    menu_order = 221
    add_to_admin_menu = True
    list_display = ["name", "portal", "sort_order"]


class EventViewSet(ServiceViewSet):
    model = Event
    writes = EventWrites()
    icon = "date"
    menu_label = _("Événements")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "start", "status", "portal"]
    list_filter = ["status"]
    ordering = ["-start"]

    def limit_form(self, form, user) -> None:
        portals = access.animated_portals(user)
        limits = {
            "category": EventCategory.objects.filter(portal__in=portals),
            "place_actor": LocalActor.objects.filter(portal__in=portals),
            "organiser_actor": LocalActor.objects.filter(portal__in=portals),
            "organiser_user": get_user_model()
            .objects.filter(memberships__portal__in=portals)
            .distinct(),
        }
        for name, queryset in limits.items():
            if name in form.fields:
                form.fields[name].queryset = queryset

    def get_form_class(self, for_update=False):
        scoped = super().get_form_class(for_update)

        class EventAdminForm(scoped):
            def clean(self):
                cleaned = super().clean()
                # An empty address is derived from the title, unique in the portal.
                portal, title = cleaned.get("portal"), cleaned.get("title")
                if not cleaned.get("slug") and portal and title:
                    cleaned["slug"] = services.free_slug(
                        portal, title, exclude_pk=self.instance.pk
                    )
                return cleaned

        return EventAdminForm


register_snippet(EventCategoryViewSet)
register_snippet(EventViewSet)


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def only_own_portals(request, instance):
    # The edit and delete views load the object by id alone: another
    # portal's event answers 404 like a missing one.
    items = instance if isinstance(instance, list | tuple) else [instance]
    for item in items:
        if isinstance(item, Event | EventCategory) and not access.can_animate(
            request.user, item.portal
        ):
            raise Http404


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            services.AUDIT_STATUS[Event.PUBLISHED]: (
                _("Publier un événement"),
                _("Événement publié dans l'agenda"),
            ),
            services.AUDIT_STATUS[Event.REFUSED]: (
                _("Refuser un événement"),
                _("Événement refusé"),
            ),
            services.AUDIT_STATUS[Event.PENDING]: (
                _("Remettre un événement en attente"),
                _("Événement remis en attente de validation"),
            ),
        },
    )

"""The agenda in the admin: animators see and edit their portals' events only."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from quartiers.directory.models import LocalActor
from quartiers.portals import access
from quartiers.portals.admin_scoping import PortalScopedViewSet

from . import services
from .models import Event, EventCategory


class EventCategoryViewSet(PortalScopedViewSet):
    model = EventCategory
    icon = "tag"
    menu_label = _("Catégories d'événements")
    menu_order = 221
    add_to_admin_menu = True
    list_display = ["name", "portal", "sort_order"]


class EventViewSet(PortalScopedViewSet):
    model = Event
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


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def rebuild_occurrences(request, instance):
    if isinstance(instance, Event):
        services.event_saved_in_admin(event=instance, actor=request.user)

"""The agenda in the admin: animators see and edit their portals' events only."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from quartiers.directory.models import LocalActor
from quartiers.portals import access

from . import services
from .models import Event, EventCategory


def _portal_scoped(base, limits: dict):
    """A subclass of the admin form whose choices stay in the user's portals."""

    class PortalScopedForm(base):
        def __init__(self, *args, for_user=None, **kwargs):
            super().__init__(*args, for_user=for_user, **kwargs)
            if for_user is None:
                return
            portals = access.animated_portals(for_user)
            for name, queryset in limits.items():
                if name in self.fields:
                    self.fields[name].queryset = queryset(portals)

    PortalScopedForm.__name__ = base.__name__
    return PortalScopedForm


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "tag"
    menu_label = _("Catégories d'événements")
    menu_order = 221
    add_to_admin_menu = True
    list_display = ["name", "portal", "sort_order"]

    def get_queryset(self, request):
        return EventCategory.objects.filter(
            portal__in=access.animated_portals(request.user)
        ).select_related("portal")

    def get_form_class(self, for_update=False):
        return _portal_scoped(
            super().get_form_class(for_update), {"portal": lambda portals: portals}
        )


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Événements")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "start", "status", "portal"]
    list_filter = ["status"]
    ordering = ["-start"]

    def get_queryset(self, request):
        # Animators only ever list their own portals' events.
        return Event.objects.filter(
            portal__in=access.animated_portals(request.user)
        ).select_related("portal")

    def get_form_class(self, for_update=False):
        scoped = _portal_scoped(
            super().get_form_class(for_update),
            {
                "portal": lambda portals: portals,
                "category": lambda portals: EventCategory.objects.filter(
                    portal__in=portals
                ),
                "place_actor": lambda portals: LocalActor.objects.filter(
                    portal__in=portals
                ),
                "organiser_actor": lambda portals: LocalActor.objects.filter(
                    portal__in=portals
                ),
            },
        )

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

"""The TV in the admin: programmes of the animator's portals, "Ajouter une vidéo"."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from quartiers.portals import access
from quartiers.portals.admin_scoping import PortalScopedPolicy
from quartiers.portals.admin_writes import PortalObjectWrites, ServiceViewSet

from . import admin_views, services
from .models import Programme, VideoPage


class ProgrammeWrites(PortalObjectWrites):
    def save(self, *, actor, form, creating: bool):
        if not creating:
            return super().save(actor=actor, form=form, creating=False)
        data = form.cleaned_data
        return services.programme_create(
            portal=self.portal_of(form),
            actor=actor,
            title=data["title"],
            description=data.get("description") or "",
            order=data.get("order") or 0,
            slug=data.get("slug") or "",
        )


class ProgrammeViewSet(ServiceViewSet):
    """Programmes are created by the TV's service, edited and deleted by the
    portal's generic ones: one audit entry each."""

    model = Programme
    writes = ProgrammeWrites()
    icon = "media"
    menu_label = _("Programmes de la TV")
    menu_order = 241
    add_to_admin_menu = True
    list_display = ["title", "portal", "order"]

    def get_form_class(self, for_update=False):
        scoped = super().get_form_class(for_update)

        class ProgrammeAdminForm(scoped):
            def clean(self):
                cleaned = super().clean()
                # An empty identifier is made from the title, unique in the portal.
                portal, title = cleaned.get("portal"), cleaned.get("title")
                if not cleaned.get("slug") and portal and title:
                    cleaned["slug"] = services.programme_free_slug(
                        portal, title, exclude_pk=self.instance.pk
                    )
                    self.instance.slug = cleaned["slug"]
                return cleaned

        return ProgrammeAdminForm


register_permission_policy(Programme, PortalScopedPolicy(Programme))
register_snippet(ProgrammeViewSet)


@hooks.register("register_admin_urls")
def register_tv_admin_urls():
    return [
        path(
            "tv/ajouter/",
            admin_views.video_upload_choose,
            name="tv_video_upload_choose",
        ),
        path(
            "tv/<int:portal_id>/ajouter/",
            admin_views.video_upload,
            name="tv_video_upload",
        ),
    ]


class AnimatorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.animated_portals(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_video_upload_menu_item():
    return AnimatorMenuItem(
        _("Ajouter une vidéo"),
        reverse("tv_video_upload_choose"),
        icon_name="media",
        order=240,
    )


@hooks.register("before_create_page")
def videos_start_with_their_file(request, parent_page, page_class):
    # A video page without its file makes no sense: "Ajouter une page" under
    # the TV leads to the upload form of that portal.
    if page_class is VideoPage:
        from quartiers.portals.selectors import portal_for_page

        portal = portal_for_page(parent_page)
        if portal is not None:
            return redirect("tv_video_upload", portal_id=portal.pk)
    return None

"""Admin snippet screens that hand every write to a service.

Wagtail's snippet views save a model form themselves. Here the create, edit
and delete views stop at the validated form and call the service the
viewset names (``writes``): the same function the site, the API and the
commands call, which checks permission first, writes in a transaction and
leaves the act's one audit entry (portals.audit). No hook repairs anything
after the fact.

A viewset without rules of its own uses :class:`PortalObjectWrites` (the
portal's generic save and delete services); apps with rules subclass it.
"""

from django.contrib import messages
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import ngettext
from wagtail.snippets.views import snippets as snippet_views

from . import services
from .admin_scoping import PortalScopedViewSet, ScopedDeleteView, ScopedEditView
from .models import Portal


class PortalObjectWrites:
    """How the admin saves and deletes one model: override per app."""

    def save(self, *, actor, form, creating: bool) -> models.Model:
        instance = form.instance
        saved = services.portal_object_save(
            portal=self.portal_of(form),
            actor=actor,
            instance=instance,
            fields=form.changed_data,
        )
        save_relations(form)
        return saved

    def delete(self, *, actor, instance) -> None:
        services.portal_object_delete(
            portal=instance.portal, actor=actor, instance=instance
        )

    @staticmethod
    def portal_of(form) -> Portal:
        return form.cleaned_data.get("portal") or form.instance.portal


def save_relations(form) -> None:
    """Many-to-many choices of a form whose instance a service saved."""
    save_m2m = getattr(form, "_save_m2m", None)
    if save_m2m is not None:
        save_m2m()


class ServiceWritesMixin:
    writes: PortalObjectWrites | None = None


class ServiceCreateView(ServiceWritesMixin, snippet_views.CreateView):
    def save_instance(self):
        return self.writes.save(actor=self.request.user, form=self.form, creating=True)


class ServiceEditView(ServiceWritesMixin, ScopedEditView):
    def save_instance(self):
        return self.writes.save(actor=self.request.user, form=self.form, creating=False)


class ServiceDeleteView(ServiceWritesMixin, ScopedDeleteView):
    def delete_action(self):
        self.writes.delete(actor=self.request.user, instance=self.object)


class ServiceViewSet(PortalScopedViewSet):
    """A portal-scoped snippet viewset whose writes go through ``writes``."""

    add_view_class = ServiceCreateView
    edit_view_class = ServiceEditView
    delete_view_class = ServiceDeleteView
    writes: PortalObjectWrites = PortalObjectWrites()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(writes=self.writes, **kwargs)


def bulk_delete_through_services(request, action_type, objects, action):
    """``before_bulk_action`` hook: the snippets' "delete several" goes through
    the same service as the delete view, one audit entry per object (Wagtail's
    own bulk delete runs a raw queryset delete, without any entry)."""
    if action_type != "delete" or not objects:
        return None
    viewset = getattr(type(objects[0]), "snippet_viewset", None)
    if not isinstance(viewset, ServiceViewSet):
        return None
    for instance in objects:
        viewset.writes.delete(actor=request.user, instance=instance)
    messages.success(
        request,
        ngettext(
            "%(count)d élément supprimé.", "%(count)d éléments supprimés.", len(objects)
        )
        % {"count": len(objects)},
    )
    return redirect(getattr(action, "next_url", "") or viewset.get_url_name("list"))

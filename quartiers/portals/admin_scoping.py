"""Admin snippets of portal-owned models, limited to the animator's portals.

Animator groups carry only ``access_admin``: the right to manage a portal's
rubriques, actors, events or ads follows the membership, as page and
collection rights do. Another portal's object answers 404 in every view,
exactly like a missing one.
"""

from django.contrib.auth import get_user_model
from django.http import Http404
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from quartiers.accounts.models import Membership

from . import access


class PortalScopedPolicy(BasePermissionPolicy):
    """Animators act on their portals' objects of this model, and on no other."""

    def user_has_permission(self, user, action):
        return access.animated_portals(user).exists()

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        return (
            users.filter(memberships__role=Membership.ANIMATOR)
            | users.filter(is_superuser=True)
        ).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return access.animated_portals(user).filter(pk=instance.portal_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model.objects.filter(portal__in=access.animated_portals(user))

    def users_with_any_permission_for_instance(self, actions, instance):
        users = get_user_model().objects.filter(is_active=True)
        return (
            users.filter(
                memberships__portal_id=instance.portal_id,
                memberships__role=Membership.ANIMATOR,
            )
            | users.filter(is_superuser=True)
        ).distinct()


class ScopedObjectMixin:
    """Another portal's object answers 404, exactly like a missing one."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if (
            not access.animated_portals(self.request.user)
            .filter(pk=obj.portal_id)
            .exists()
        ):
            raise Http404
        return obj


class ScopedEditView(ScopedObjectMixin, snippet_views.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class ScopedCopyView(ScopedObjectMixin, snippet_views.CopyView):
    pass


class ScopedUsageView(ScopedObjectMixin, snippet_views.UsageView):
    pass


class ScopedHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class ScopedInspectView(ScopedObjectMixin, snippet_views.InspectView):
    pass


def _in_user_portals(queryset, request):
    return queryset.filter(portal__in=access.animated_portals(request.user))


class ScopedChooseView(chooser_views.ChooseView):
    def get_object_list(self):
        return _in_user_portals(super().get_object_list(), self.request)


class ScopedChooseResultsView(chooser_views.ChooseResultsView):
    def get_object_list(self):
        return _in_user_portals(super().get_object_list(), self.request)


class ScopedChosenView(chooser_views.SnippetChosenView):
    def get_object(self, pk):
        return _in_user_portals(self.model_class.objects.all(), self.request).get(pk=pk)


class ScopedChosenMultipleView(chooser_views.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return _in_user_portals(
            self.model_class.objects.filter(pk__in=pks), self.request
        )


class PortalScopedChooserViewSet(chooser_views.SnippetChooserViewSet):
    """Choosers (used by other forms too) only offer the user's portals' objects."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class PortalScopedViewSet(SnippetViewSet):
    """A snippet viewset whose listings, forms and views stay in the user's portals."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    copy_view_class = ScopedCopyView
    usage_view_class = ScopedUsageView
    history_view_class = ScopedHistoryView
    inspect_view_class = ScopedInspectView
    chooser_viewset_class = PortalScopedChooserViewSet

    def get_queryset(self, request):
        return self.model.objects.filter(
            portal__in=access.animated_portals(request.user)
        ).select_related("portal")

    def limit_form(self, form, user) -> None:
        """Hook for subclasses: narrow other choices of the form to the user's portals."""

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        original_init = form_class.__init__
        viewset = self

        def __init__(self, *args, for_user=None, **kwargs):
            original_init(self, *args, for_user=for_user, **kwargs)
            if for_user is None:
                return
            if "portal" in self.fields:
                self.fields["portal"].queryset = access.animated_portals(for_user)
            viewset.limit_form(self, for_user)

        form_class.__init__ = __init__
        return form_class

"""The admin's other screens stay in the animator's portals.

Wagtail's own rights keep an animator from *editing* another portal's pages,
images or documents, but many screens still *name* them: the admin API, the
page chooser, filter menus (owners, editors, lockers: e-mail addresses), site
history, page-types usage, move, workflow and bulk-action confirmations. Here
every one of them answers as if the other portals did not exist.

One rule decides what belongs to another portal (``foreign_*`` below): a page
under another portal's home page, an image or document in another portal's
collection, a user who is not a member of one of the animator's portals.
Coordinators (superusers) see everything.

Where Wagtail offers a hook, the hook is used (wagtail_hooks.py: page chooser
and explorer querysets, admin API endpoints). Where it does not:

- ``AdminConfinementMiddleware`` (limited to admin paths) answers 404 to any
  admin URL whose page, image or document id belongs to another portal: the
  move, workflow, chooser, revision... views of Wagtail take these ids in
  their URL and some render the object before checking rights. One check
  on the URL covers today's views and tomorrow's, instead of overriding
  dozens of core views one by one. It also serves the screens whose querysets
  or forms Wagtail builds without any hook (site history, page-types usage,
  page privacy groups) through scoped subclasses.
- ``install()`` narrows the choices of every admin filter menu (any
  WagtailFilterSet) and the objects of every bulk action: both are built
  deep inside Wagtail's base classes, with no hook, and wrapping the two
  base methods once covers every listing, report and bulk action.
"""

from functools import cached_property

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Substr
from django.forms import ModelChoiceField
from django.http import Http404
from django.urls import reverse
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.admin.views.reports import audit_logging, page_types_usage
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import (
    Collection,
    Page,
    PageLogEntry,
    Site,
    Task,
    Workflow,
)

from quartiers.accounts.models import Membership

from . import access, audit
from .models import Portal

STEPLEN = Page.steplen

# URL parameters that carry a page, image or document id in Wagtail's admin
# (and in the project's own admin views).
PAGE_KWARGS = {
    "page_id",
    "parent_page_id",
    "page_to_move_id",
    "destination_id",
    "page_pk",
}
IMAGE_KWARGS = {"image_id"}
DOCUMENT_KWARGS = {"document_id", "doc_id"}


def is_confined(user) -> bool:
    """An admin user limited to some portals (every staff user but coordinators)."""
    return bool(
        user.is_authenticated and user.is_active and not access.is_coordinator(user)
    )


def _foreign_portals(user):
    return Portal.objects.exclude(pk__in=access.animated_portals(user).values("pk"))


def _foreign_tree(user, path_field: str, tree: str):
    """Q: the object's tree path lies under another portal's home or collection.

    A portal's home page (collection) path is a prefix of every page (image
    collection) of its subtree: compare the same number of characters.
    """
    return Q(
        Exists(
            _foreign_portals(user).filter(
                **{
                    f"{tree}__path": Substr(
                        OuterRef(path_field), 1, F(f"{tree}__depth") * STEPLEN
                    )
                }
            )
        )
    )


def _without(queryset, foreign: Q):
    # ``pk__in`` (not a bare ``Exists``): querysets handed to the search
    # backend only accept filters on indexed fields, and ``id`` is one.
    return queryset.exclude(
        pk__in=queryset.model._default_manager.filter(foreign).values("pk")
    )


def own_pages(queryset, user):
    """Pages, without those of the portals this user does not animate."""
    if not is_confined(user):
        return queryset
    return _without(queryset, _foreign_tree(user, "path", "home_page"))


def own_log_entries(queryset, user):
    if not is_confined(user):
        return queryset
    return queryset.exclude(_foreign_tree(user, "page__path", "home_page"))


def own_collection_items(queryset, user):
    """Images or documents, without those of other portals' collections."""
    if not is_confined(user):
        return queryset
    return _without(queryset, _foreign_tree(user, "collection__path", "collection"))


def own_collections(queryset, user):
    if not is_confined(user):
        return queryset
    return _without(queryset, _foreign_tree(user, "path", "collection"))


def own_sites(queryset, user):
    if not is_confined(user):
        return queryset
    return _without(queryset, _foreign_tree(user, "root_page__path", "home_page"))


def own_workflows(queryset, user):
    """Workflows, without those that only other portals' pages use."""
    if not is_confined(user):
        return queryset
    foreign_homes = _foreign_portals(user).values("home_page_id")
    mine = access.animated_portals(user).values("home_page_id")
    return _without(
        queryset,
        Q(workflow_pages__page__in=foreign_homes) & ~Q(workflow_pages__page__in=mine),
    )


def own_tasks(queryset, user):
    """Workflow tasks, without the review tasks of other portals' animators."""
    if not is_confined(user):
        return queryset
    foreign_groups = _foreign_portals(user).values("animator_group_id")
    mine = access.animated_portals(user).values("animator_group_id")
    return _without(
        queryset,
        Q(groupapprovaltask__groups__in=foreign_groups)
        & ~Q(groupapprovaltask__groups__in=mine),
    )


def visible_users(queryset, user):
    """Users an animator may see named: their portals' members, coordinators, self."""
    if not is_confined(user):
        return queryset
    members = Membership.objects.filter(
        portal__in=access.animated_portals(user)
    ).values("user_id")
    return queryset.filter(
        Q(pk__in=members) | Q(is_superuser=True) | Q(pk=user.pk)
    ).distinct()


def own_objects(queryset, user):
    """Any admin queryset, narrowed to what this user's portals may show."""
    if not is_confined(user):
        return queryset
    model = queryset.model
    if issubclass(model, Page):
        return own_pages(queryset, user)
    if issubclass(model, get_user_model()):
        return visible_users(queryset, user)
    if issubclass(model, Collection):
        return own_collections(queryset, user)
    if issubclass(model, Site):
        return own_sites(queryset, user)
    if issubclass(model, Task):
        return own_tasks(queryset, user)
    if issubclass(model, Workflow):
        return own_workflows(queryset, user)
    if issubclass(model, Group):
        return queryset.exclude(
            pk__in=_foreign_portals(user).values("animator_group_id")
        )
    field_names = {field.name for field in model._meta.get_fields()}
    if "collection" in field_names:
        return own_collection_items(queryset, user)
    if "portal" in field_names:
        return queryset.filter(portal__in=access.animated_portals(user))
    return queryset


def is_foreign_page(user, page_id) -> bool:
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return False  # missing: the view answers 404 itself
    prefixes = [path[:end] for end in range(STEPLEN, len(path) + 1, STEPLEN)]
    return _foreign_portals(user).filter(home_page__path__in=prefixes).exists()


def _is_foreign_item(user, model, pk) -> bool:
    if not model.objects.filter(pk=pk).exists():
        return False
    return not own_collection_items(model.objects.filter(pk=pk), user).exists()


# Reports without a hook --------------------------------------------------------


class ScopedLogEntriesView(audit_logging.LogEntriesView):
    """Site history: only what happened in the user's portals.

    Audited acts (portals.audit) carry their portal: an animator reads those
    of their portals, whatever their Django permissions and even once the
    object is deleted, and never another portal's. Wagtail's own entries are
    placed by their page or object.
    """

    def get_filtered_queryset(self):
        user = self.request.user
        if not is_confined(user):
            return super().get_filtered_queryset()
        # Same union as Wagtail's, over the entries this user may read.
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            readable = log_model.objects.viewable_by_user(user)
            readable = readable | log_model.objects.filter(audit.stamped_for(user))
            rows = readable.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            rows = self.filter_queryset(rows).order_by()
            queryset = rows if queryset is None else queryset.union(rows, all=True)
        return queryset.order_by("-timestamp")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if not is_confined(user):
            return queryset
        foreign_stamp = audit.stamped() & ~audit.stamped_for(user)
        if issubclass(queryset.model, PageLogEntry):
            return own_log_entries(queryset, user).exclude(foreign_stamp)
        # Other log entries (snippets, images, documents...) without a stamp:
        # those whose object is of the user's portals, when the object's
        # model has one (a deleted object's unstamped entries stay hidden).
        hidden = Q(pk__in=[])
        unstamped = queryset.exclude(audit.stamped())
        for content_type_id, object_ids in _log_objects(unstamped).items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue
            objects = model._default_manager.filter(pk__in=object_ids)
            visible = {
                str(pk)
                for pk in own_objects(objects, user).values_list("pk", flat=True)
            }
            foreign = [pk for pk in object_ids if pk not in visible]
            if foreign:
                hidden |= Q(content_type_id=content_type_id, object_id__in=foreign)
        return queryset.exclude(foreign_stamp).exclude(hidden & ~audit.stamped())


def _log_objects(queryset) -> dict:
    found: dict = {}
    for content_type_id, object_id in (
        queryset.order_by().values_list("content_type_id", "object_id").distinct()
    ):
        found.setdefault(content_type_id, []).append(object_id)
    return found


class ScopedPageTypesUsageView(page_types_usage.PageTypesUsageReportView):
    """Page types usage: counts and last edits of the user's portals only."""

    @cached_property
    def _home_paths(self):
        return list(
            access.animated_portals(self.request.user).values_list(
                "home_page__path", flat=True
            )
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        paths = [path for path in self._home_paths if path]
        if not paths:
            return queryset.none()
        in_pages = Q(pages__path__startswith=paths[0])
        in_tree = Q(path__startswith=paths[0])
        for path in paths[1:]:
            in_pages |= Q(pages__path__startswith=path)
            in_tree |= Q(path__startswith=path)
        latest = (
            own_pages(
                Page.objects.filter(content_type=OuterRef("pk")), self.request.user
            )
            .filter(in_tree)
            .order_by(
                F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
            )
        )
        return queryset.annotate(
            count=Count("pages", filter=in_pages),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")


class ScopedSetPrivacyView(SetPrivacyView):
    """Page privacy: "these groups only" offers no other portal's groups."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        _narrow_fields(form, self.request)
        return form


SCOPED_VIEWS = {
    "wagtailadmin_pages:set_privacy": ScopedSetPrivacyView.as_view(),
    "wagtailadmin_reports:site_history": ScopedLogEntriesView.as_view(
        results_only=False
    ),
    "wagtailadmin_reports:site_history_results": ScopedLogEntriesView.as_view(
        results_only=True
    ),
    "wagtailadmin_reports:page_types_usage": ScopedPageTypesUsageView.as_view(
        results_only=False
    ),
    "wagtailadmin_reports:page_types_usage_results": ScopedPageTypesUsageView.as_view(
        results_only=True
    ),
}


class AdminConfinementMiddleware:
    """Admin URLs naming another portal's page, image or document answer 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(self.admin_prefix):
            return None
        user = getattr(request, "user", None)
        if user is None or not is_confined(user):
            return None
        if not user.has_perm("wagtailadmin.access_admin"):
            return None  # Wagtail sends them away before any view runs
        match = request.resolver_match
        page_ids = [v for k, v in view_kwargs.items() if k in PAGE_KWARGS]
        if match and match.namespace == "wagtailadmin_pages" and "pk" in view_kwargs:
            page_ids.append(view_kwargs["pk"])
        child_of = request.GET.get("childOf", "")
        if child_of.isdigit():
            page_ids.append(child_of)
        if any(is_foreign_page(user, pk) for pk in page_ids):
            raise Http404
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        for names, model in (
            (IMAGE_KWARGS, get_image_model()),
            (DOCUMENT_KWARGS, get_document_model()),
        ):
            for name in names & set(view_kwargs):
                if _is_foreign_item(user, model, view_kwargs[name]):
                    raise Http404
        if match and match.namespace == "wagtailadmin_workflows":
            self._check_workflow_screens(request, match, view_kwargs)
        if match and match.view_name in SCOPED_VIEWS:
            return SCOPED_VIEWS[match.view_name](request, *view_args, **view_kwargs)
        return None

    def _check_workflow_screens(self, request, match, view_kwargs) -> None:
        user = request.user
        # The task chooser serves those who build workflows; animators don't
        # (each portal's review workflow is made with the portal).
        if match.url_name.startswith(
            ("task_chooser", "task_chosen")
        ) and not user.has_perms(
            ["wagtailcore.add_workflow", "wagtailcore.change_workflow"]
        ):
            raise Http404
        task_id = view_kwargs.get("task_id")
        if task_id is None and match.url_name.endswith("_task"):
            task_id = view_kwargs.get("pk")
        if task_id is not None:
            tasks = Task.objects.filter(pk=task_id)
            if tasks.exists() and not own_tasks(tasks, user).exists():
                raise Http404
        workflow_id = view_kwargs.get("workflow_pk")
        if workflow_id is None and match.url_name in (
            "edit",
            "enable",
            "disable",
            "usage",
            "usage_results",
        ):
            workflow_id = view_kwargs.get("pk")
        if workflow_id is not None:
            workflows = Workflow.objects.filter(pk=workflow_id)
            if workflows.exists() and not own_workflows(workflows, user).exists():
                raise Http404


# Filter menus and bulk actions ------------------------------------------------


def _narrow_fields(form, request) -> None:
    user = getattr(request, "user", None)
    if user is None or not is_confined(user):
        return
    for field in form.fields.values():
        if isinstance(field, ModelChoiceField) and field.queryset is not None:
            field.queryset = own_objects(field.queryset, user)


def install() -> None:
    """Narrow every admin filter menu and bulk action (no hook exists for them)."""
    from wagtail.admin.filters import WagtailFilterSet
    from wagtail.admin.views.bulk_action.base_bulk_action import BulkAction

    if getattr(WagtailFilterSet, "_quartiers_confined", False):
        return
    original_form = WagtailFilterSet.form

    def form(self):
        built = "_form" in self.__dict__
        result = original_form.fget(self)
        if not built:
            _narrow_fields(result, getattr(self, "request", None))
        return result

    WagtailFilterSet.form = property(form)
    WagtailFilterSet._quartiers_confined = True

    original_actionable = BulkAction.get_actionable_objects

    def get_actionable_objects(self):
        objects, extra = original_actionable(self)
        user = self.request.user
        if not is_confined(user):
            return objects, extra

        def keep(items):
            items = list(items)
            if not items:
                return items
            model = type(items[0])
            base = model._default_manager
            allowed = set(
                own_objects(
                    base.filter(pk__in=[item.pk for item in items]), user
                ).values_list("pk", flat=True)
            )
            return [item for item in items if item.pk in allowed]

        extra = dict(extra)
        extra["items_with_no_access"] = keep(extra.get("items_with_no_access", []))
        return keep(objects), extra

    BulkAction.get_actionable_objects = get_actionable_objects


# Hooks (registered from wagtail_hooks.py) --------------------------------------

_registered = False


def register_hooks() -> None:
    global _registered
    if _registered:
        return
    _registered = True
    from wagtail import hooks
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    class OwnImagesAPIViewSet(ImagesAdminAPIViewSet):
        def get_queryset(self):
            return own_collection_items(super().get_queryset(), self.request.user)

    class OwnDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
        def get_queryset(self):
            return own_collection_items(super().get_queryset(), self.request.user)

    # Registered after Wagtail's own endpoints (order), which they replace.
    @hooks.register("construct_admin_api", order=100)
    def scoped_admin_api(router):
        router.register_endpoint("images", OwnImagesAPIViewSet)
        router.register_endpoint("documents", OwnDocumentsAPIViewSet)

    # The page chooser links to any page, the explorer lists children: both
    # leave out other portals' pages (network pages stay choosable).
    @hooks.register("construct_page_chooser_queryset")
    def scoped_page_chooser(pages, request):
        return own_pages(pages, request.user)

    @hooks.register("construct_explorer_page_queryset")
    def scoped_explorer(parent_page, pages, request):
        return own_pages(pages, request.user)

    install()
    from . import admin_workflows

    admin_workflows.install()

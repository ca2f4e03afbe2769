"""The reviews waiting for someone, in one query whatever the number of portals.

Each portal has its own review workflow, with one group approval task for its
animators (``portals.services.portal_create``). Wagtail finds "what may this
person review" by asking every active task in turn (one query per task), so
the animator's dashboard, the coordinator's and the workflow reports cost one
query per portal of the network: 1,500 on the dashboard at 1,500 portals.

Group approval tasks all answer the same question (is the person in one of
the task's groups, or a superuser), so they are answered together here, in
the one query that returns the states; any other kind of task still answers
for itself, as in Wagtail.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Task, TaskState
from wagtail.models.workflows import BaseTaskStateManager


def reviewable_by(user):
    """In-progress task states this person may act on (Wagtail's meaning)."""
    in_progress = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    group_kind = ContentType.objects.get_for_model(GroupApprovalTask)
    group_tasks = Task.objects.filter(active=True, content_type=group_kind)
    if not user.is_superuser:
        group_tasks = group_tasks.filter(
            groupapprovaltask__groups__in=user.groups.all()
        )
    states = in_progress.filter(task__in=group_tasks.values("pk"))
    others = Task.objects.filter(active=True).exclude(content_type=group_kind)
    for task in others.specific():
        states = states | task.get_task_states_user_can_moderate(user=user)
    return states


def install() -> None:
    if getattr(BaseTaskStateManager, "_quartiers_one_query", False):
        return

    def manager_reviewable_by(self, user):
        return reviewable_by(user)

    BaseTaskStateManager.reviewable_by = manager_reviewable_by
    BaseTaskStateManager._quartiers_one_query = True

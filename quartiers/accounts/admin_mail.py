"""Wagtail's workflow emails go to staff only.

Wagtail tells the person who asked for a review when it is approved or
rejected. Residents' proposals enter the workflow in their name, so they got
a staff email ("… rejeté dans le workflow …") whose links open the admin they
may not use. Residents hear from us instead, in plain French, through the
services of each app. These notifiers keep Wagtail's emails and drop every
recipient who has no access to the admin.

Wagtail's "submitted for review" emails are switched off altogether: the app
that owns the page already tells each animator once (see SILENCED).
"""

from wagtail.admin import mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)


class StaffOnly:
    def get_valid_recipients(self, instance, **kwargs):
        return {
            user
            for user in super().get_valid_recipients(instance, **kwargs)
            if user.has_perm("wagtailadmin.access_admin")
        }


class WorkflowApproved(StaffOnly, mail.WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejected(StaffOnly, mail.WorkflowStateRejectionEmailNotifier):
    pass


# The dispatch ids Wagtail uses: connecting under the same id replaces its
# notifier whichever app is ready first (a second connect with an id already
# there is ignored by Django's signals).
NOTIFIERS = [
    (workflow_rejected, WorkflowState, WorkflowRejected(), "workflow_state_rejected"),
    (workflow_approved, WorkflowState, WorkflowApproved(), "workflow_state_approved"),
]


# A page sent for review is announced by the app it belongs to (a proposed
# article, a blog post, a testimony), in plain French, to each animator once
# (or in their daily summary). Wagtail's own "submitted" emails said it a
# second and third time: they are switched off.
SILENCED = [
    (task_submitted, TaskState, "group_approval_task_submitted"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted"),
]


def _silent(sender, **kwargs) -> None:
    """Holds Wagtail's dispatch id so that its notifier is never connected."""


def install() -> None:
    for signal, sender, name in SILENCED:
        uid = f"{name}_email_notification"
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(_silent, sender=sender, dispatch_uid=uid, weak=False)
    for signal, sender, notifier, name in NOTIFIERS:
        uid = f"{name}_email_notification"
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(notifier, sender=sender, dispatch_uid=uid, weak=False)

"""Small periodic jobs of the operations (see ``QUARTIERS_PERIODIC_JOBS``)."""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from . import workers


def take_up_lost_tasks() -> int:
    """Tasks of dead workers back in the queue; old heartbeats forgotten."""
    count = workers.requeue_lost_tasks()
    workers.forget_old_workers()
    return count


def clear_expired_sessions() -> None:
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


def prune_finished_tasks() -> int:
    """Results of finished database tasks older than two weeks."""
    if workers.backend_kind() != "database":
        return 0
    from django_tasks_db.models import DBTaskResult

    limit = timezone.now() - timedelta(days=14)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=limit).delete()
    return deleted

"""The radio's background work that pages must never wait for."""

from django_tasks import task

from . import icecast


@task()
def poll_icecast() -> int:
    """Read every portal's Icecast status into the cache the pages read.
    Idempotent; run every few seconds by ``manage.py run_periodic``."""
    return icecast.poll_streams()

"""Tasks of the operations themselves: a probe that goes through the queue."""

import time

from django.core.cache import caches
from django_tasks import task

PROBE_KEY = "quartiers:queue-probe:{token}"


@task()
def probe(token: str, seconds: float = 0.0) -> str:
    """Write ``token`` to the shared cache and return it: proves a worker
    took a task from the queue (tests, benchmarks, an operator's check).
    ``seconds`` makes it last that long first (a long job, for the tests of
    a worker that dies)."""
    if seconds:
        time.sleep(min(float(seconds), 600.0))
    caches["shared"].set(PROBE_KEY.format(token=token), token, 3600)
    return token

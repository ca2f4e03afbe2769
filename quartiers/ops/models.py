"""What the operations keep in the database: the workers' heartbeats, the
last run of each periodic job, and the addresses of portals that moved to
another install."""

from django.db import models


class WorkerBeat(models.Model):
    """A background worker says it is alive every few seconds. A task that a
    worker was running when its heartbeat stopped is put back in the queue."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "battement d'un worker"
        verbose_name_plural = "battements des workers"

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} ({self.worker_id})"


class PeriodicRun(models.Model):
    """When a periodic job last started and finished: every scheduler process
    (one per machine) reads it, so a job runs once per period whatever the
    number of machines or restarts."""

    name = models.CharField(max_length=200, unique=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "tâche périodique"
        verbose_name_plural = "tâches périodiques"

    def __str__(self) -> str:
        return self.name


class MovedPortal(models.Model):
    """A portal that left this install: its addresses answer with a permanent
    redirect to the same path on the new install."""

    slug = models.SlugField(max_length=80, unique=True)
    new_base_url = models.URLField(max_length=300)
    moved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "portail déménagé"
        verbose_name_plural = "portails déménagés"

    def __str__(self) -> str:
        return f"{self.slug} → {self.new_base_url}"

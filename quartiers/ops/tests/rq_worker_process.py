"""An RQ worker in its own process, for the test that kills one (test_rq)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartiers.config.settings.test")
    import django

    django.setup()
    import django_rq
    from django.test.utils import override_settings
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    url = sys.argv[1]
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=tasks, RQ_QUEUES={"default": {"URL": url}}):
        worker = django_rq.get_worker(
            "default", job_class=Job, worker_class=SimpleWorker
        )
        worker.work(burst=True)

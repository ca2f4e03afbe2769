from django_tasks import task

from . import staff_mail


@task()
def send_staff_summaries() -> int:
    """The daily summaries of the team's emails (run by the periodic jobs)."""
    return staff_mail.send_daily_summaries()

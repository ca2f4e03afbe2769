"""Upkeep of the audience counters."""

import logging

from django.utils import timezone
from django_tasks import task

from .models import PAGE_VIEWS_RETENTION_MONTHS, DailyPageViews
from .periods import months_back

logger = logging.getLogger(__name__)


@task()
def purge_old_page_views() -> int:
    """Erase the counts per address older than the retention period (the
    privacy page promises it); the portal's daily totals stay. Idempotent:
    run it daily from cron (``manage.py stats_upkeep``) or the worker."""
    limit = months_back(timezone.localdate(), PAGE_VIEWS_RETENTION_MONTHS)
    deleted, _by_model = DailyPageViews.objects.filter(day__lt=limit).delete()
    if deleted:
        logger.info("audience: %s old page-view rows erased", deleted)
    return deleted

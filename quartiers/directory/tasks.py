"""Background work of the directory: remind animators to check practical info."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from quartiers.portals import access
from quartiers.portals.models import Portal

from . import selectors


def remind_stale(*, today: date | None = None) -> int:
    """Email each portal's animators its practical info pages not checked for
    six months; return the number of emails. Idempotent apart from the emails
    (run it monthly: the worker, cron or the management command)."""
    today = today or timezone.localdate()
    sent = 0
    portals = Portal.objects.filter(home_page__isnull=False).select_related("home_page")
    for portal in portals:
        stale = selectors.stale_practical_infos(portal, today=today)
        if not stale:
            continue
        sent += access.email_animators(
            portal,
            subject=_("%(name)s : des infos pratiques à vérifier")
            % {"name": portal.name},
            template="directory/emails/to_animator_stale.txt",
            context={"pages": stale},
        )
    return sent


@task()
def remind_stale_practical_info() -> int:
    return remind_stale()

"""Background work of the directory: remind animators to check practical info."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from quartiers.accounts.models import Membership
from quartiers.core import notify
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
        animators = Membership.objects.filter(
            portal=portal, role=Membership.ANIMATOR
        ).select_related("user")
        for membership in animators:
            notify.email_person(
                to=membership.user.email,
                subject=_("%(name)s : des infos pratiques à vérifier")
                % {"name": portal.name},
                template="directory/emails/to_animator_stale.txt",
                context={"portal": portal, "pages": stale, "person": membership.user},
            )
            sent += 1
    return sent


@task()
def remind_stale_practical_info() -> int:
    return remind_stale()

"""Background work of sharing: tell the receiving animators about a proposal."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from quartiers.portals import access

NOTIFY_BATCH = 200


@task()
def notify_proposals(*, share_id: int) -> int:
    """Email the animators of each portal that has a new proposal of this share.

    Idempotent: a proposal is marked once its animators were emailed, so a
    retry (or a second share of the same item) never emails twice. A share
    withdrawn or deleted meanwhile is skipped quietly.
    """
    from .models import Share, ShareProposal

    share = (
        Share.objects.filter(pk=share_id, withdrawn_at__isnull=True)
        .select_related("portal", "page", "event")
        .first()
    )
    if share is None or share.item is None:
        return 0
    sent = 0
    while True:
        with transaction.atomic():
            proposals = list(
                ShareProposal.objects.select_for_update()
                .filter(
                    share=share,
                    status=ShareProposal.PROPOSED,
                    notified_at__isnull=True,
                )
                .select_related("portal")[:NOTIFY_BATCH]
            )
            if not proposals:
                return sent
            for proposal in proposals:
                sent += access.email_animators(
                    proposal.portal,
                    subject=_("%(origin)s vous propose : %(title)s")
                    % {"origin": share.portal.name, "title": str(share)},
                    template="network/emails/to_animator_proposal.txt",
                    context={"share": share, "proposal": proposal},
                )
            ShareProposal.objects.filter(pk__in=[p.pk for p in proposals]).update(
                notified_at=timezone.now()
            )

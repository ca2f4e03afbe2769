"""Background work: deliveries and the fan-out of content changes.

Tasks take ids, reload, skip what is gone or already done, and retry a
bounded number of times with a growing delay.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from django_tasks import task

from . import addresses, fetch, selectors, services
from .models import Delivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A server whose last deliveries of the day all failed is skipped (Mastodon
# does the same): its deliveries fail at once until one gets through again.
FAILING_SERVER_RUN = 10
# A remote answer that says "never" (bad request, gone...): no retry.
FINAL_STATUSES = {400, 401, 403, 404, 405, 410, 413, 422}


@task()
def deliver(*, delivery_id: int) -> None:
    delivery = (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.PENDING)
        .select_related("portal", "retired")
        .first()
    )
    if delivery is None:
        return
    key_id, private_key_pem = _signer(delivery)
    if not private_key_pem or _server_is_failing(delivery):
        delivery.status = Delivery.FAILED
        delivery.last_error = (
            "Serveur en échec : envoi abandonné."
            if private_key_pem
            else "Portail supprimé : envoi abandonné."
        )
        delivery.save(update_fields=["status", "last_error"])
        _release(delivery)
        return
    error = ""
    try:
        status = fetch.post_activity(
            delivery.inbox,
            delivery.activity,
            key_id=key_id,
            private_key_pem=private_key_pem,
        )
    except fetch.FetchError as failure:
        status, error = 0, str(failure)
    delivery.attempts += 1
    if 200 <= status < 300:
        delivery.status, delivery.sent_at, delivery.last_error = (
            Delivery.DONE,
            timezone.now(),
            "",
        )
        delivery.save(update_fields=["status", "sent_at", "attempts", "last_error"])
        _release(delivery)
        return
    delivery.last_error = (error or f"HTTP {status}")[:300]
    final = status in FINAL_STATUSES or delivery.attempts >= MAX_ATTEMPTS
    if final:
        delivery.status = Delivery.FAILED
    delivery.save(update_fields=["status", "attempts", "last_error"])
    if final:
        logger.info("Delivery %s failed: %s", delivery.pk, delivery.last_error)
        _release(delivery)
        return
    retry = deliver
    if deliver.get_backend().supports_defer:
        delay = timedelta(minutes=2 ** (2 * delivery.attempts))  # 4 min ... 4 h
        retry = deliver.using(run_after=timezone.now() + delay)
    retry.enqueue(delivery_id=delivery.pk)


def _signer(delivery: Delivery) -> tuple[str, str]:
    """(key id, private key): the portal's, or a deleted portal's kept aside
    for its last deliveries (empty once wiped: nothing can be signed)."""
    if delivery.portal is not None:
        signer = services.portal_actor_ensure(delivery.portal)
        return addresses.key_id(delivery.portal), signer.private_key_pem
    if delivery.retired is not None:
        return delivery.retired.key_id, delivery.retired.private_key_pem
    return "", ""


def _release(delivery: Delivery) -> None:
    if delivery.portal is None and delivery.retired_id is not None:
        services.retired_key_release(retired_id=delivery.retired_id)


def _server_is_failing(delivery: Delivery) -> bool:
    parts = urlsplit(delivery.inbox)
    recent = Delivery.objects.filter(
        inbox__startswith=f"{parts.scheme}://{parts.netloc}/",
        created_at__gte=timezone.now() - timedelta(days=1),
    ).exclude(pk=delivery.pk)
    last = list(
        recent.exclude(status=Delivery.PENDING)
        .order_by("-created_at", "-pk")
        .values_list("status", flat=True)[:FAILING_SERVER_RUN]
    )
    return len(last) == FAILING_SERVER_RUN and set(last) == {Delivery.FAILED}


@task()
def federate_item(*, kind_key: str, object_id: int) -> None:
    services.item_federate(kind_key=kind_key, object_id=object_id)


@task()
def sweep_portal(
    *, portal_id: int = 0, page_id: int = 0, collection_id: int = 0
) -> None:
    for pk in selectors.portal_ids_for(
        portal_id=portal_id, page_id=page_id, collection_id=collection_id
    ):
        services.portal_sweep(portal_id=pk)


@task()
def sweep_all() -> None:
    """Periodic: withdraw what became hidden without a save we could see
    (a status changed in bulk, an ancestor hidden...)."""
    for portal_id in selectors.portals_with_announced_items():
        services.portal_sweep(portal_id=portal_id)

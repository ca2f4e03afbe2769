"""Writes of sharing between portals.

An animator shares a live piece of their portal with chosen portals or the
whole network; the animators of each receiving portal accept or decline it.
Every write checks permission first, validates everything before writing
anything, and runs in a transaction; emails leave once it commits.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from quartiers.agenda.models import Event
from quartiers.portals import access, audit
from quartiers.portals.models import Portal

from . import kinds, selectors
from .models import PortalGroup, Share, ShareProposal

NOTE_MAX = 1000
LOG_PREFIX = "quartiers.network."


def _check_page(portal: Portal, page: Page) -> str:
    """The kind of a page that this portal may share now, or an error."""
    home = portal.home_page
    if home is None or not page.path.startswith(home.path):
        raise PermissionDenied(_("Ce contenu n'appartient pas à ce quartier."))
    kind = kinds.kind_for_page_class(page.specific_class)
    if kind is None:
        raise ValidationError(
            _(
                "Ce type de page ne se partage pas. On peut partager un article, "
                "une émission, une vidéo ou un événement."
            ),
            code="kind",
        )
    if not Page.objects.live().public().filter(pk=page.pk).exists():
        raise ValidationError(
            _(
                "« %(title)s » n'est pas publié (c'est un brouillon, ou il est "
                "réservé à certaines personnes). Publiez-le d'abord, puis "
                "partagez-le."
            )
            % {"title": page.title},
            code="draft",
        )
    return kind.key


def _check_event(portal: Portal, event: Event) -> str:
    if event.portal_id != portal.pk:
        raise PermissionDenied(_("Ce contenu n'appartient pas à ce quartier."))
    if event.status != Event.PUBLISHED:
        raise ValidationError(
            _(
                "L'événement « %(title)s » n'est pas encore publié dans l'agenda. "
                "Publiez-le d'abord, puis partagez-le."
            )
            % {"title": event.title},
            code="draft",
        )
    if event.finishes_at is not None and event.finishes_at < timezone.now():
        raise ValidationError(
            _("L'événement « %(title)s » est passé : il n'y a plus rien à partager.")
            % {"title": event.title},
            code="past",
        )
    return Share.EVENT


def _ids(values: Iterable | None, model, message: str) -> list[int]:
    wanted: list[int] = []
    for value in values or []:
        if isinstance(value, model):
            wanted.append(value.pk)
            continue
        try:
            wanted.append(int(value))
        except (TypeError, ValueError):
            raise ValidationError(
                message % {"value": value}, code="unknown_" + model._meta.model_name
            ) from None
    return list(dict.fromkeys(wanted))


def _groups(values: Iterable | None) -> list[PortalGroup]:
    wanted = _ids(
        values, PortalGroup, _("« %(value)s » n'est pas un groupe de quartiers.")
    )
    found = {g.pk: g for g in PortalGroup.objects.filter(pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise ValidationError(
            _(
                "Le groupe demandé (n° %(id)s) n'existe pas. Rien n'a été "
                "partagé : choisissez dans la liste."
            )
            % {"id": missing[0]},
            code="unknown_portalgroup",
        )
    return [found[pk] for pk in wanted]


def _chosen_portals(*, origin: Portal, targets: Iterable | None) -> list[Portal]:
    wanted = _ids(targets, Portal, _("« %(value)s » n'est pas un quartier du réseau."))
    if origin.pk in wanted:
        raise ValidationError(
            _(
                "Ce contenu est déjà dans votre quartier : choisissez d'autres "
                "quartiers."
            ),
            code="origin",
        )
    found = {
        p.pk: p for p in Portal.objects.filter(pk__in=wanted, home_page__live=True)
    }
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise ValidationError(
            _(
                "Le quartier demandé (n° %(id)s) n'existe pas ou n'est pas ouvert. "
                "Rien n'a été partagé : choisissez dans la liste."
            )
            % {"id": missing[0]},
            code="unknown_portal",
        )
    return [found[pk] for pk in wanted]


def _network_portals(origin: Portal):
    """Every portal but the origin, open or being prepared: one that opens
    later finds the proposal waiting."""
    return Portal.objects.filter(home_page__isnull=False).exclude(pk=origin.pk)


def _propose(share: Share, portal_ids) -> int:
    """Proposals for these portals (ids or a subquery) that have none yet, in
    one statement; returns how many were added."""
    already = ShareProposal.objects.filter(share=share, portal_id=OuterRef("pk"))
    new_ids = list(
        Portal.objects.filter(pk__in=portal_ids)
        .exclude(pk=share.portal_id)
        .exclude(Exists(already))
        .values_list("pk", flat=True)
    )
    ShareProposal.objects.bulk_create(
        [ShareProposal(share=share, portal_id=pk) for pk in new_ids]
    )
    return len(new_ids)


@transaction.atomic
def share_create(
    *,
    portal: Portal,
    actor,
    item: Page | Event,
    targets: Iterable | None = None,
    network: bool = False,
    groups: Iterable | None = None,
    note: str = "",
    audience: str = Share.AUDIENCE_NETWORK,
) -> Share:
    """Offer a live piece of ``portal`` to chosen portals, to groups of
    portals (a department...) or to the whole network.

    The intent is kept: "the whole network" and each group also reach the
    portals that open or join the group later (``share_reach_portal``,
    ``portal_group_save``).

    Sharing an item that is already shared adds the new portals to the same
    share (one reference per item, never a duplicate proposal); its note and
    audience become the new ones.
    """
    access.require_animator(
        actor, portal, _("Seule l'équipe d'animation du quartier peut partager.")
    )
    if isinstance(item, Event):
        kind = _check_event(portal, item)
    elif isinstance(item, Page):
        kind = _check_page(portal, item)
    else:
        raise ValidationError(_("Ce contenu ne se partage pas."), code="kind")
    if audience not in dict(Share.AUDIENCE_CHOICES):
        raise ValidationError(
            _("Choisissez qui peut voir ce partage."), code="audience"
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            _("Le mot d'accompagnement dépasse %(max)s caractères : raccourcissez-le.")
            % {"max": NOTE_MAX},
            code="note",
        )
    chosen_groups = [] if network else _groups(groups)
    chosen = [] if network else _chosen_portals(origin=portal, targets=targets)
    if not network and not chosen and not chosen_groups:
        raise ValidationError(
            _(
                "Choisissez au moins un quartier ou un groupe, ou partagez avec "
                "tout le réseau."
            ),
            code="no_target",
        )

    item_filter = {"event": item} if kind == Share.EVENT else {"page_id": item.pk}
    share = (
        Share.objects.select_for_update()
        .filter(withdrawn_at__isnull=True, **item_filter)
        .first()
    )
    if share is None:
        share = Share.objects.create(
            portal=portal,
            kind=kind,
            to_network=network,
            note=note,
            audience=audience,
            shared_by=actor,
            **item_filter,
        )
        audit.record(
            portal=portal, actor=actor, instance=share, action=LOG_PREFIX + "share"
        )
    else:
        share.note = note
        share.audience = audience
        share.to_network = share.to_network or network
        share.save(update_fields=["note", "audience", "to_network"])
    share.groups.add(*chosen_groups)
    if network:
        _propose(share, _network_portals(portal).values("pk"))
    else:
        _propose(share, [p.pk for p in chosen])
        if chosen_groups:
            _propose(
                share,
                PortalGroup.portals.through.objects.filter(
                    portalgroup_id__in=[g.pk for g in chosen_groups]
                ).values("portal_id"),
            )
    _notify([share.pk])
    return share


def _decide(*, portal: Portal, actor, proposal_id, status: str) -> ShareProposal:
    access.require_animator(
        actor,
        portal,
        _("Seule l'équipe d'animation du quartier peut répondre à un partage."),
    )
    proposal = selectors.proposal_in_portal(
        portal=portal, proposal_id=proposal_id, for_update=True
    )
    share = proposal.share
    if share.withdrawn_at is not None:
        raise ValidationError(
            _("Ce partage a été retiré par le quartier qui l'avait proposé."),
            code="withdrawn",
        )
    if proposal.status == status:
        raise ValidationError(
            _("Vous avez déjà accepté ce partage : il est déjà dans vos listes.")
            if status == ShareProposal.ACCEPTED
            else _("Vous avez déjà refusé ce partage."),
            code="already",
        )
    if status == ShareProposal.ACCEPTED and not selectors.share_item_is_live(share):
        raise ValidationError(
            _(
                "Ce contenu n'est plus en ligne dans son quartier d'origine : il "
                "ne peut pas être ajouté à vos listes."
            ),
            code="offline",
        )
    proposal.status = status
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        portal=portal, actor=actor, instance=proposal, action=LOG_PREFIX + status
    )
    return proposal


@transaction.atomic
def share_accept(*, portal: Portal, actor, proposal_id) -> ShareProposal:
    """The receiving portal shows the piece in its lists, credited to its origin."""
    return _decide(
        portal=portal,
        actor=actor,
        proposal_id=proposal_id,
        status=ShareProposal.ACCEPTED,
    )


@transaction.atomic
def share_decline(*, portal: Portal, actor, proposal_id) -> ShareProposal:
    """No thanks; an accepted piece leaves the receiving portal's lists."""
    return _decide(
        portal=portal,
        actor=actor,
        proposal_id=proposal_id,
        status=ShareProposal.DECLINED,
    )


@transaction.atomic
def share_withdraw(*, portal: Portal, actor, share_id) -> Share:
    """The origin takes the piece back: it leaves every other portal at once."""
    access.require_animator(
        actor,
        portal,
        _("Seule l'équipe d'animation du quartier peut retirer ce partage."),
    )
    share = selectors.share_of_portal(portal=portal, share_id=share_id, for_update=True)
    if share.withdrawn_at is not None:
        raise ValidationError(
            _("Ce partage est déjà retiré."), code="already_withdrawn"
        )
    share.withdrawn_at = timezone.now()
    share.save(update_fields=["withdrawn_at"])
    audit.record(
        portal=portal, actor=actor, instance=share, action=LOG_PREFIX + "withdraw"
    )
    return share


def _notify(share_ids) -> None:
    """Email the animators of the new proposals once the transaction commits."""
    from . import tasks

    def enqueue(share_id: int) -> None:
        transaction.on_commit(lambda: tasks.notify_proposals.enqueue(share_id=share_id))

    for share_id in share_ids:
        enqueue(share_id)


def share_reach_portal(portal: Portal) -> int:
    """A new portal receives what was shared with the whole network and is
    still online (run inside portal creation); returns how many."""
    share_ids = list(
        Share.objects.filter(to_network=True)
        .filter(selectors.live_condition())
        .exclude(portal=portal)
        .exclude(proposals__portal=portal)
        .values_list("pk", flat=True)
    )
    ShareProposal.objects.bulk_create(
        [ShareProposal(share_id=pk, portal=portal) for pk in share_ids]
    )
    return len(share_ids)


@transaction.atomic
def portal_group_save(
    *, actor, group: PortalGroup, portals: Iterable[Portal] | None = None
) -> PortalGroup:
    """Create or change a group of portals (the coordinator's job; ``actor``
    None is the platform itself, seeding). Portals that join it receive what
    was shared with the group and is still online; their animators are told
    by email."""
    if actor is not None and not access.is_coordinator(actor):
        raise PermissionDenied(
            _("Seule la coordination du réseau gère les groupes de quartiers.")
        )
    group.full_clean(exclude=["portals"])
    is_new = group.pk is None
    group.save()
    if portals is not None:
        group.portals.set(portals)
    log(
        instance=group,
        action="wagtail.create" if is_new else "wagtail.edit",
        user=actor,
    )
    shares = group.shares.filter(selectors.live_condition())
    touched = [
        share.pk for share in shares if _propose(share, group.portals.values("pk"))
    ]
    _notify(touched)
    return group

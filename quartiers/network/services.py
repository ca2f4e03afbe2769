"""Writes of sharing between portals.

An animator shares a live piece of their portal with chosen portals or the
whole network; the animators of each receiving portal accept or decline it.
Every write checks permission first, validates everything before writing
anything, and runs in a transaction; emails leave once it commits.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from quartiers.agenda.models import Event
from quartiers.portals import access
from quartiers.portals.models import Portal

from . import kinds, selectors
from .models import Share, ShareProposal

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


def _target_portals(
    *, origin: Portal, targets: Iterable | None, network: bool
) -> list[Portal]:
    if network:
        return list(Portal.objects.filter(home_page__live=True).exclude(pk=origin.pk))
    wanted: list[int] = []
    for value in targets or []:
        if isinstance(value, Portal):
            wanted.append(value.pk)
            continue
        try:
            wanted.append(int(value))
        except (TypeError, ValueError):
            raise ValidationError(
                _("« %(value)s » n'est pas un quartier du réseau.") % {"value": value},
                code="unknown_portal",
            ) from None
    wanted = list(dict.fromkeys(wanted))
    if not wanted:
        raise ValidationError(
            _("Choisissez au moins un quartier, ou partagez avec tout le réseau."),
            code="no_target",
        )
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


@transaction.atomic
def share_create(
    *,
    portal: Portal,
    actor,
    item: Page | Event,
    targets: Iterable | None = None,
    network: bool = False,
    note: str = "",
    audience: str = Share.AUDIENCE_NETWORK,
) -> Share:
    """Offer a live piece of ``portal`` to chosen portals or the whole network.

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
    receivers = _target_portals(origin=portal, targets=targets, network=network)

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
        log(instance=share, action=LOG_PREFIX + "share", user=actor)
    else:
        share.note = note
        share.audience = audience
        share.to_network = share.to_network or network
        share.save(update_fields=["note", "audience", "to_network"])
    already = set(share.proposals.values_list("portal_id", flat=True))
    ShareProposal.objects.bulk_create(
        [ShareProposal(share=share, portal=p) for p in receivers if p.pk not in already]
    )
    from . import tasks

    share_id = share.pk
    transaction.on_commit(lambda: tasks.notify_proposals.enqueue(share_id=share_id))
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
    log(instance=proposal, action=LOG_PREFIX + status, user=actor)
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
    log(instance=share, action=LOG_PREFIX + "withdraw", user=actor)
    return share

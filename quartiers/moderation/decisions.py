"""The decisions taken from the animators' inbox, one kind at a time.

Each decision finds the item among the portals the person animates (missing
and "not yours" are the same 404), then calls the owning app's own service
(or Wagtail's workflow action for pages), so a decision taken here is the
same as one taken elsewhere: same checks, same emails, same audit.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, WorkflowState

from quartiers.agenda import services as agenda_services
from quartiers.agenda.models import Event
from quartiers.blogs import services as blogs_services
from quartiers.classifieds import services as classifieds_services
from quartiers.classifieds.models import Ad
from quartiers.directory import services as directory_services
from quartiers.directory.models import LocalActor
from quartiers.newsroom import services as newsroom_services
from quartiers.newsroom.models import Submission
from quartiers.portals import access
from quartiers.radio import services as radio_services
from quartiers.radio.models import EpisodePage

from . import inbox, selectors, services
from .services import NOTE_MAX_LENGTH

PUBLISH = "publish"
REFUSE = "refuse"
CHANGES = "changes"
UPHOLD = "uphold"
DISMISS = "dismiss"

# Acts that take something away from a person: confirmed on a second screen.
DESTRUCTIVE = {REFUSE, UPHOLD}

LABELS = {
    PUBLISH: gettext_lazy("Publier"),
    REFUSE: gettext_lazy("Refuser"),
    CHANGES: gettext_lazy("Demander des changements"),
    UPHOLD: gettext_lazy("Retirer le contenu"),
    DISMISS: gettext_lazy("Classer : rien à retirer"),
}


@dataclass
class Item:
    """What a decision is about: found once, shown on the confirmation."""

    kind: inbox.InboxKind
    obj: object
    title: str
    portal: object


def _note(note: str, *, required: str = "") -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationError(required)
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Votre message est trop long : %(max)s caractères au plus.")
            % {"max": NOTE_MAX_LENGTH}
        )
    return note


# -- finding the item (404 for missing and not yours) -------------------------


def _state_in_review(user, kind: inbox.InboxKind, object_id) -> tuple:
    """The workflow in progress on a page of a portal this person animates."""
    page_id = selectors._to_id(object_id)  # noqa: SLF001
    if page_id is None:
        raise Http404
    scope = inbox.scope_for(user)
    state = (
        inbox._workflow_states(scope, kind)  # noqa: SLF001
        .filter(object_id=str(page_id))
        .first()
    )
    if state is None:
        raise Http404
    page = Page.objects.filter(pk=page_id).specific().first()
    portal = scope.portal_of_page(page) if page is not None else None
    if page is None or (portal is None and not scope.everything):
        raise Http404
    return state, page, portal


def find(user, kind: inbox.InboxKind, object_id) -> Item:
    """The item waiting for this person's decision, else 404."""
    if kind.key == inbox.COMMENTS:
        comment = selectors.access_comment_for_moderation(user, object_id)
        return Item(kind, comment, str(comment), comment.portal)
    if kind.key == inbox.REPORTS:
        report = selectors.access_report_for_moderation(user, object_id)
        target = selectors.target_of_report(report)
        title = target.subject_title if target else _("Contenu supprimé depuis")
        return Item(kind, report, title, report.portal)
    if kind.key in inbox.PAGE_KINDS:
        state, page, portal = _state_in_review(user, kind, object_id)
        return Item(kind, (state, page), page.title, portal)
    model = {inbox.ADS: Ad, inbox.EVENTS: Event, inbox.ACTORS: LocalActor}[kind.key]
    obj = access.access_animated(
        user, model.objects.select_related("portal"), object_id
    )
    return Item(kind, obj, str(getattr(obj, "title", None) or obj), obj.portal)


# -- what each kind allows ------------------------------------------------------


def choices(kind: inbox.InboxKind) -> list[str]:
    """The decisions offered for a kind, in the order of the buttons."""
    if kind.key == inbox.REPORTS:
        return [DISMISS, UPHOLD]
    if kind.key in (inbox.ARTICLES, inbox.BLOG_POSTS, inbox.TESTIMONIES):
        return [PUBLISH, CHANGES, REFUSE]
    if kind.key in inbox.PAGE_KINDS:
        return [PUBLISH, CHANGES]
    return [PUBLISH, REFUSE]


def takes_message(kind: inbox.InboxKind) -> bool:
    """Whether the person hears the animator's message (every kind does)."""
    return True


# Kinds whose refusal may go without a word (the person is told anyway).
MESSAGE_OPTIONAL = {inbox.EVENTS, inbox.ACTORS}


def message_required(kind: inbox.InboxKind) -> bool:
    """Whether refusing (or asking for changes) needs the animator's message."""
    return kind.key not in MESSAGE_OPTIONAL


# -- deciding -------------------------------------------------------------------


def _decide_page(actor, item: Item, decision: str, note: str) -> str:
    state, page = item.obj
    if decision == REFUSE and item.kind.key == inbox.ARTICLES:
        submission = Submission.objects.filter(page_id=page.pk).first()
        if submission is None or item.portal is None:
            raise ValidationError(
                _(
                    "Cette page n'est pas une proposition d'habitant·e : "
                    "demandez plutôt des changements."
                )
            )
        newsroom_services.submission_refuse(
            portal=item.portal,
            actor=actor,
            submission_id=submission.pk,
            reason=note,
        )
        return _("La proposition est refusée ; son auteur ou autrice est prévenu·e.")
    if decision == REFUSE and item.kind.key == inbox.BLOG_POSTS:
        if item.portal is None:
            raise ValidationError(
                _("Ce billet n'est dans aucun quartier : demandez des changements.")
            )
        blogs_services.post_refuse(
            portal=item.portal, actor=actor, page_id=page.pk, reason=note
        )
        return _("Le billet est refusé ; son auteur ou autrice est prévenu·e.")
    if decision == REFUSE and isinstance(page, EpisodePage):
        note = _note(note, required=_("Expliquez votre refus en quelques mots."))
        with transaction.atomic():
            state.cancel(user=actor)
            radio_services.testimony_tell_author(
                episode=page, published=False, message=note
            )
        return _("Le témoignage est refusé ; son auteur ou autrice est prévenu·e.")
    task_state = state.current_task_state
    if task_state is None:
        raise ValidationError(_("Cette relecture est déjà terminée."))
    task = task_state.task.specific
    allowed = {name for name, _label, _needs in task.get_actions(page, actor)}
    action = {PUBLISH: "approve", CHANGES: "reject"}.get(decision)
    if action is None or action not in allowed:
        raise PermissionDenied
    if decision == CHANGES:
        note = _note(
            note,
            required=_(
                "Dites en quelques mots ce qu'il faudrait changer : "
                "la personne recevra votre message."
            ),
        )
    task.on_action(task_state, actor, action, comment=note)
    if decision == CHANGES:
        return _("Les changements sont demandés ; la personne a reçu votre message.")
    state.refresh_from_db()
    if state.status == WorkflowState.STATUS_APPROVED:
        return _("C'est publié.")
    return _("Étape validée : la relecture continue.")


def _decide_event(actor, item: Item, decision: str, note: str) -> str:
    event: Event = item.obj  # type: ignore[assignment]
    if event.status != Event.PENDING:
        raise ValidationError(_("Cet événement a déjà été traité."))
    published = decision == PUBLISH
    # The agenda's service keeps the word, audits it and tells the proposer.
    agenda_services.event_set_status(
        portal=item.portal,
        actor=actor,
        event_id=event.pk,
        status=Event.PUBLISHED if published else Event.REFUSED,
        reason=_note(note),
    )
    if published:
        return _("L'événement est dans l'agenda.")
    return _("L'événement est refusé ; la personne qui l'a proposé est prévenue.")


def _decide_actor(actor, item: Item, decision: str, note: str) -> str:
    profile: LocalActor = item.obj  # type: ignore[assignment]
    if profile.status != LocalActor.SUGGESTED:
        raise ValidationError(_("Cette suggestion a déjà été traitée."))
    if decision == PUBLISH:
        directory_services.actor_publish(
            portal=item.portal, actor=actor, actor_id=profile.pk, reason=_note(note)
        )
        return _("L'acteur local est dans l'annuaire.")
    directory_services.actor_refuse(
        portal=item.portal, actor=actor, actor_id=profile.pk, reason=_note(note)
    )
    return _("La suggestion est refusée ; la personne qui l'a faite est prévenue.")


def _decide_ad(actor, item: Item, decision: str, note: str) -> str:
    ad: Ad = item.obj  # type: ignore[assignment]
    if decision == PUBLISH:
        classifieds_services.ad_publish(portal=item.portal, actor=actor, ad_id=ad.pk)
        return _("L'annonce est en ligne.")
    classifieds_services.ad_refuse(
        portal=item.portal, actor=actor, ad_id=ad.pk, reason=_note(note)
    )
    return _("L'annonce est refusée ; son auteur ou autrice est prévenu·e.")


def _decide_comment(actor, item: Item, decision: str, note: str) -> str:
    ids = {"portal": item.portal, "actor": actor, "comment_id": item.obj.pk}
    if decision == PUBLISH:
        services.comment_publish(**ids)
        return _("Le commentaire est en ligne.")
    services.comment_refuse(**ids, reason=note)
    return _("Le commentaire est refusé ; son auteur ou autrice est prévenu·e.")


def _decide_report(actor, item: Item, decision: str, note: str) -> str:
    ids = {"portal": item.portal, "actor": actor, "report_id": item.obj.pk}
    if decision == UPHOLD:
        services.report_uphold(**ids, note=note)
        return _("Le contenu est retiré ; son auteur ou autrice est prévenu·e.")
    services.report_dismiss(**ids, note=note)
    return _("Signalement classé : le contenu reste (ou revient) en ligne.")


HANDLERS: dict[str, Callable[..., str]] = {
    inbox.COMMENTS: _decide_comment,
    inbox.REPORTS: _decide_report,
    inbox.ADS: _decide_ad,
    inbox.EVENTS: _decide_event,
    inbox.ACTORS: _decide_actor,
    **dict.fromkeys(inbox.PAGE_KINDS, _decide_page),
}


def decide(*, actor, item: Item, decision: str, note: str = "") -> str:
    """Take the decision; answers the message to show. Raises ValidationError
    (shown to the animator) or PermissionDenied (answered as a 404)."""
    if decision not in choices(item.kind):
        raise ValidationError(_("Décision incomprise : réessayez."))
    if not access.is_animator(actor, item.portal) and not (
        item.portal is None and access.is_coordinator(actor)
    ):
        raise PermissionDenied
    return HANDLERS[item.kind.key](actor, item, decision, note or "")

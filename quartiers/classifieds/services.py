"""Writes of the classifieds: residents post and manage their ads, animators
decide on pending ones, neighbours write to authors through the platform.

Every write checks permission first and runs in a transaction; emails leave
once it commits.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartiers.core import notify
from quartiers.portals import access, audit
from quartiers.portals.models import Portal
from quartiers.uploads.models import PortalImage

from . import checks, selectors, tasks
from .models import MAX_PHOTOS, Ad, AdPhoto

CONTACT_MAX = 2000
# Audit actions (registered with Wagtail in wagtail_hooks.py).
AUDIT_PUBLISH = "quartiers.classifieds.ad_publish"
AUDIT_REFUSE = "quartiers.classifieds.ad_refuse"
REMINDER_BEFORE = timedelta(days=7)


def lifetime() -> timedelta:
    return timedelta(days=int(getattr(settings, "QUARTIERS_AD_LIFETIME_DAYS", 30)))


@dataclass
class Photo:
    file: object
    alt: str
    consent: str = PortalImage.CONSENT_NOT_NEEDED


def _locked_own_ad(*, portal: Portal, actor, ad_id) -> Ad:
    ad = selectors.ad_for_author(portal=portal, author=actor, ad_id=ad_id)
    return Ad.objects.select_for_update().get(pk=ad.pk)


def _publish(ad: Ad, now=None) -> None:
    now = now or timezone.now()
    ad.status = Ad.PUBLISHED
    ad.published_at = now
    ad.expires_at = now + lifetime()
    ad.reminder_sent_at = None
    ad.extend_token = secrets.token_urlsafe(24)


def _add_photos(ad: Ad, actor, photos: list[Photo]) -> None:
    existing = ad.photos.count() if ad.pk else 0
    if existing + len(photos) > MAX_PHOTOS:
        raise ValidationError(
            {
                "photos": _(
                    "Une annonce a %(max)s photos au plus ; elle en a déjà "
                    "%(count)s. Retirez-en avant d'en ajouter."
                )
                % {"max": MAX_PHOTOS, "count": existing}
            }
        )
    for number, photo in enumerate(photos, start=existing):
        image = PortalImage(
            title=f"{ad.title[:80]} — photo {number + 1}",
            file=photo.file,
            collection=ad.portal.collection,
            alt_text=photo.alt,
            consent=photo.consent,
            uploaded_by_user=actor,
        )
        image.save()
        AdPhoto.objects.create(ad=ad, image=image, sort_order=number)


def _fill(ad: Ad, *, kind, category, title, text, place, price) -> None:
    ad.kind = kind
    ad.category = category or "autre"
    ad.title = (title or "").strip()
    ad.text = (text or "").strip()
    ad.place = (place or "").strip()
    ad.price = None if price in (None, "") else Decimal(price)
    ad.full_clean(exclude=["portal", "author", "extend_token"])


@transaction.atomic
def ad_create(
    *,
    portal: Portal,
    actor,
    kind: str,
    title: str,
    text: str,
    category: str = "autre",
    place: str = "",
    price: Decimal | None = None,
    photos: list[Photo] | None = None,
) -> Ad:
    """A member posts an ad: online at once, or after review, as the portal says."""
    access.require_member(
        actor, portal, _("Rejoignez d'abord ce quartier pour y déposer une annonce.")
    )
    ad = Ad(portal=portal, author=actor, author_name=actor.public_name[:80])
    _fill(
        ad,
        kind=kind,
        category=category,
        title=title,
        text=text,
        place=place,
        price=price,
    )
    if access.publishes_without_review(actor, portal):
        _publish(ad)
    else:
        ad.status = Ad.PENDING
    ad.save()
    _add_photos(ad, actor, photos or [])
    if ad.status == Ad.PENDING:
        _ask_for_review(ad)
    return ad


@transaction.atomic
def ad_update(
    *,
    portal: Portal,
    actor,
    ad_id: int,
    kind: str,
    title: str,
    text: str,
    category: str = "autre",
    place: str = "",
    price: Decimal | None = None,
    photos: list[Photo] | None = None,
    remove_photo_ids: list[int] | None = None,
) -> Ad:
    """The author changes their ad; without trust, a change goes back to review."""
    access.require_member(
        actor, portal, _("Rejoignez d'abord ce quartier pour y déposer une annonce.")
    )
    ad = _locked_own_ad(portal=portal, actor=actor, ad_id=ad_id)
    if not ad.is_editable:
        raise ValidationError(_("Cette annonce ne peut plus être modifiée."))
    _fill(
        ad,
        kind=kind,
        category=category,
        title=title,
        text=text,
        place=place,
        price=price,
    )
    if remove_photo_ids:
        for photo in AdPhoto.objects.filter(ad=ad, pk__in=remove_photo_ids):
            photo.image.delete()
    if not access.publishes_without_review(actor, portal):
        ad.status = Ad.PENDING
    elif ad.status != Ad.PUBLISHED:
        _publish(ad)
    ad.moderation_note = "" if ad.status == Ad.PENDING else ad.moderation_note
    ad.save()
    _add_photos(ad, actor, photos or [])
    if ad.status == Ad.PENDING:
        _ask_for_review(ad)
    return ad


@transaction.atomic
def ad_mark_done(*, portal: Portal, actor, ad_id: int) -> Ad:
    """The author found what they looked for: the ad leaves the list."""
    ad = _locked_own_ad(portal=portal, actor=actor, ad_id=ad_id)
    if ad.status not in (Ad.PUBLISHED, Ad.PENDING, Ad.EXPIRED):
        raise ValidationError(_("Cette annonce est déjà retirée du site."))
    ad.status = Ad.DONE
    ad.save(update_fields=["status", "updated_at"])
    return ad


@transaction.atomic
def ad_delete(*, portal: Portal, actor, ad_id: int) -> None:
    """The author deletes their ad, and its photos with it."""
    ad = _locked_own_ad(portal=portal, actor=actor, ad_id=ad_id)
    _delete_with_photos(ad)


def _delete_with_photos(ad: Ad) -> None:
    images = PortalImage.objects.filter(
        pk__in=AdPhoto.objects.filter(ad=ad).values("image_id")
    )
    for image in images:
        image.delete()
    ad.delete()


@transaction.atomic
def ad_extend(*, portal: Portal, actor, ad_id: int) -> Ad:
    """The author keeps the ad online for another lifetime from now."""
    ad = _locked_own_ad(portal=portal, actor=actor, ad_id=ad_id)
    return _extend(ad)


@transaction.atomic
def ad_extend_with_token(*, portal: Portal, ad_id: int, token: str) -> Ad:
    """The one-click link of the reminder email: the token stands for the author.

    A wrong token answers 404 like a missing ad.
    """
    from django.http import Http404

    ad = selectors.ad_in_portal(portal=portal, ad_id=ad_id)
    if not secrets.compare_digest(ad.extend_token, token or ""):
        raise Http404
    return _extend(Ad.objects.select_for_update().get(pk=ad.pk))


def _extend(ad: Ad) -> Ad:
    if not ad.is_extendable:
        raise ValidationError(
            _("Cette annonce n'est plus en ligne : elle ne peut pas être prolongée.")
        )
    now = timezone.now()
    base = ad.expires_at if ad.expires_at and ad.expires_at > now else now
    ad.status = Ad.PUBLISHED
    ad.expires_at = base + lifetime()
    ad.reminder_sent_at = None
    # The old link from the email must not work forever.
    ad.extend_token = secrets.token_urlsafe(24)
    ad.save()
    return ad


# --- Animators' decisions -------------------------------------------------


@transaction.atomic
def ad_publish(*, portal: Portal, actor, ad_id: int) -> Ad:
    access.require_animator(actor, portal)
    ad = Ad.objects.select_for_update().get(pk=ad_id, portal=portal)
    if ad.status not in (Ad.PENDING, Ad.REFUSED):
        raise ValidationError(_("Cette annonce n'attend pas de relecture."))
    _publish(ad)
    ad.moderation_note = ""
    ad.save()
    audit.record(portal=portal, actor=actor, instance=ad, action=AUDIT_PUBLISH)
    _tell_author(ad, decision="published")
    return ad


@transaction.atomic
def ad_refuse(*, portal: Portal, actor, ad_id: int, reason: str) -> Ad:
    access.require_animator(actor, portal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Expliquez en quelques mots pourquoi l'annonce est refusée.")
        )
    ad = Ad.objects.select_for_update().get(pk=ad_id, portal=portal)
    if ad.status not in (Ad.PENDING, Ad.PUBLISHED):
        raise ValidationError(_("Cette annonce n'est ni en attente ni en ligne."))
    ad.status = Ad.REFUSED
    ad.moderation_note = reason[:2000]
    ad.save()
    audit.record(
        portal=portal,
        actor=actor,
        instance=ad,
        action=AUDIT_REFUSE,
        reason=ad.moderation_note,
    )
    _tell_author(ad, decision="refused")
    return ad


def ad_set_hidden(*, ad: Ad, hidden: bool) -> bool:
    """Moderation takes a reported ad offline or puts it back (True if changed).

    Called by quartiers.moderation inside its own checked transaction.
    """
    if hidden and ad.status == Ad.PUBLISHED:
        ad.status = Ad.HIDDEN
    elif not hidden and ad.status == Ad.HIDDEN:
        ad.status = Ad.PUBLISHED
    else:
        return False
    Ad.objects.filter(pk=ad.pk).update(status=ad.status, updated_at=timezone.now())
    return True


# --- Messages to authors --------------------------------------------------


@transaction.atomic
def ad_contact(*, portal: Portal, actor, ad_id: int, message: str) -> Ad:
    """Relay a neighbour's message to the author, who chooses whether to reply.

    The author's address is never shown: the email goes from the platform,
    with Reply-To set to the sender so that replying is the author's choice.
    """
    if not actor.is_authenticated:
        raise PermissionDenied
    ad = selectors.public_ad(portal=portal, ad_id=ad_id)
    author = ad.author
    if author is None:
        raise ValidationError(_("La personne qui a déposé cette annonce est partie."))
    if ad.author_id == actor.pk:
        raise PermissionDenied(_("C'est votre propre annonce."))
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Écrivez votre message.")})
    if len(message) > CONTACT_MAX:
        raise ValidationError(
            {
                "message": _(
                    "Votre message est trop long : %(max)s caractères au plus."
                )
                % {"max": CONTACT_MAX}
            }
        )
    try:
        checks.check_message(message)
    except ValidationError as error:
        raise ValidationError({"message": error.messages}) from None
    from django.template.loader import render_to_string

    body = render_to_string(
        "classifieds/emails/contact_relay.txt",
        {
            "base_url": settings.WAGTAILADMIN_BASE_URL,
            "ad": ad,
            "portal": portal,
            "sender": actor,
            "message": message,
        },
    )
    to, reply_to = author.email, actor.email
    subject = _("Réponse à votre annonce « %(title)s »") % {"title": ad.title}
    transaction.on_commit(
        lambda: tasks.send_relay_email.enqueue(
            to=to, reply_to=reply_to, subject=subject, body=body
        )
    )
    return ad


# --- Upkeep (run by the tasks) ---------------------------------------------


def ads_expire(*, now=None) -> int:
    """Published ads past their date become expired; returns how many."""
    now = now or timezone.now()
    return selectors.ads_to_expire(now=now).update(status=Ad.EXPIRED, updated_at=now)


def ads_remind_expiring(*, now=None) -> int:
    """Email each author once, a week before expiry, with a one-click link."""
    now = now or timezone.now()
    count = 0
    for ad in selectors.ads_to_remind(now=now, within=REMINDER_BEFORE)[:1000]:
        author = ad.author
        if author is None:
            continue  # never: the selector keeps ads that have an author
        with transaction.atomic():
            updated = Ad.objects.filter(pk=ad.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not updated:
                continue  # another worker got there first
            notify.email_person(
                to=author.email,
                subject=_("Votre annonce « %(title)s » expire bientôt")
                % {"title": ad.title},
                template="classifieds/emails/reminder.txt",
                context={
                    "ad": ad,
                    "portal": ad.portal,
                    "person": author,
                    "extend_path": f"{ad.get_absolute_url()}prolonger/{ad.extend_token}/",
                },
            )
            count += 1
    return count


# --- Emails ---------------------------------------------------------------


def _ask_for_review(ad: Ad) -> None:
    access.email_animators(
        ad.portal,
        subject=_("Petite annonce à relire : %(title)s") % {"title": ad.title},
        template="classifieds/emails/to_animator_pending.txt",
        context={"ad": ad},
    )


def _tell_author(ad: Ad, *, decision: str) -> None:
    if ad.author is None:
        return
    notify.email_person(
        to=ad.author.email,
        subject=(
            _("Votre annonce « %(title)s » est en ligne")
            if decision == "published"
            else _("Votre annonce « %(title)s » n'est pas publiée")
        )
        % {"title": ad.title},
        template="classifieds/emails/to_author_decision.txt",
        context={
            "ad": ad,
            "portal": ad.portal,
            "person": ad.author,
            "decision": decision,
        },
    )

"""Reads of the classifieds: scoped to a portal, constant in queries."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from wagtail.images import get_image_model

from quartiers.portals.models import Portal

from .models import Ad, AdPhoto, ClassifiedsIndexPage

CARD_SPEC = "fill-480x360"
DETAIL_SPEC = "max-1200x900"
PAGE_SIZE = 20
SEARCH_MAX = 100
HOME_COUNT = 4


def _to_id(value) -> int | None:
    try:
        number = int(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return number if 0 < number < 2**63 else None


def _with_photos(queryset: QuerySet[Ad], spec: str) -> QuerySet[Ad]:
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=spec)
    )
    photos = AdPhoto.objects.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=renditions)
    )
    return queryset.select_related("author", "portal").prefetch_related(
        Prefetch("photos", queryset=photos)
    )


def index_page_of(portal: Portal) -> ClassifiedsIndexPage | None:
    home = portal.home_page
    if home is None:
        return None
    return ClassifiedsIndexPage.objects.filter(path__startswith=home.path).first()


def public_ads(portal: Portal, *, now=None) -> QuerySet[Ad]:
    """Published ads of the portal that have not expired yet (the expiry task
    may not have run: the date is what counts)."""
    return Ad.objects.filter(
        portal=portal, status=Ad.PUBLISHED, expires_at__gt=now or timezone.now()
    )


def clean_search(q) -> str:
    return " ".join((q or "").split())[:SEARCH_MAX]


def ads_page(
    *, portal: Portal, kind: str = "", category: str = "", q: str = "", page_number
) -> PaginatorPage:
    queryset = public_ads(portal)
    if kind:
        queryset = queryset.filter(kind=kind)
    if category:
        queryset = queryset.filter(category=category)
    q = clean_search(q)
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(text__icontains=q))
    queryset = _with_photos(queryset, CARD_SPEC).order_by("-published_at", "-pk")
    return Paginator(queryset, PAGE_SIZE).get_page(page_number)


def latest_ads(portal: Portal, *, limit: int = HOME_COUNT) -> list[Ad]:
    return list(
        _with_photos(public_ads(portal), CARD_SPEC).order_by("-published_at", "-pk")[
            :limit
        ]
    )


def public_ad(*, portal: Portal, ad_id) -> Ad:
    """An ad anyone may read; missing, another portal's or offline: 404."""
    pk = _to_id(ad_id)
    ad = (
        _with_photos(public_ads(portal).filter(pk=pk), DETAIL_SPEC).first()
        if pk
        else None
    )
    if ad is None:
        raise Http404
    return ad


def ads_of(*, portal: Portal, author) -> QuerySet[Ad]:
    return _with_photos(
        Ad.objects.filter(portal=portal, author=author), CARD_SPEC
    ).order_by("-created_at", "-pk")


def ad_for_author(*, portal: Portal, author, ad_id) -> Ad:
    """One's own ad, whatever its state; someone else's answers 404."""
    pk = _to_id(ad_id)
    ad = (
        _with_photos(Ad.objects.filter(portal=portal, author=author, pk=pk), CARD_SPEC)
        .select_related("author", "portal")
        .first()
        if pk and author.is_authenticated
        else None
    )
    if ad is None:
        raise Http404
    return ad


def ad_in_portal(*, portal: Portal, ad_id) -> Ad:
    """Any ad of the portal (for animators and the token link), or 404."""
    pk = _to_id(ad_id)
    ad = (
        Ad.objects.filter(portal=portal, pk=pk)
        .select_related("author", "portal")
        .first()
        if pk
        else None
    )
    if ad is None:
        raise Http404
    return ad


def ads_to_expire(*, now) -> QuerySet[Ad]:
    return Ad.objects.filter(status=Ad.PUBLISHED, expires_at__lte=now)


def ads_to_remind(*, now, within) -> QuerySet[Ad]:
    return Ad.objects.filter(
        status=Ad.PUBLISHED,
        expires_at__gt=now,
        expires_at__lte=now + within,
        reminder_sent_at__isnull=True,
        author__isnull=False,
    ).select_related("author", "portal")


# "Mes contributions" (accounts.contributions) ---------------------------------

_AD_STATES = {
    Ad.PENDING: "pending",
    Ad.PUBLISHED: "published",
    Ad.HIDDEN: "hidden",
    Ad.DONE: "done",
    Ad.EXPIRED: "expired",
    Ad.REFUSED: "refused",
}


def contributions_count(portal: Portal, user) -> int:
    return Ad.objects.filter(portal=portal, author=user).count()


def contributions_of(portal: Portal, user, limit: int) -> list:
    """The person's ads on this portal, newest first."""
    from django.utils.translation import gettext as _

    from quartiers.accounts.contributions import Contribution

    root = portal.get_absolute_url()
    ads = Ad.objects.filter(portal=portal, author=user).order_by("-updated_at", "-pk")
    return [
        Contribution(
            kind="ad",
            kind_label=_("Petite annonce"),
            title=ad.title,
            state=_AD_STATES.get(ad.status, ad.status),
            updated_at=ad.updated_at,
            message=ad.moderation_note,
            url=f"{root}annonces/{ad.pk}/" if ad.status == Ad.PUBLISHED else "",
            edit_url=f"{root}annonces/{ad.pk}/modifier/" if ad.is_editable else "",
        )
        for ad in ads[:limit]
    ]

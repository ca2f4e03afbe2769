"""What the classifieds expose to feeds, the API, search and widgets: ads."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartiers.portals.exposing import (
    IMAGE_SPEC,
    image_renditions,
    publishable,
    scope_by_portal,
    summary_of,
)
from quartiers.portals.features import ContentKind, ExposedItem, SectionRoute, registry

from .models import Ad, AdPhoto

SECTION = "annonces"


def published(portal):
    """Published ads not expired yet (the date counts, not the expiry task)."""
    photos = AdPhoto.objects.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=image_renditions(IMAGE_SPEC))
    )
    queryset = Ad.objects.filter(status=Ad.PUBLISHED, expires_at__gt=timezone.now())
    return (
        scope_by_portal(queryset, portal, SECTION)
        .select_related("portal", "author")
        .prefetch_related(Prefetch("photos", queryset=photos))
        .order_by("-published_at", "-pk")
    )


def to_item(ad: Ad) -> ExposedItem:
    photo = next((p for p in ad.photos.all() if publishable(p.image) is not None), None)
    return ExposedItem(
        kind="ad",
        id=ad.pk,
        portal=ad.portal,
        title=ad.title,
        url=ad.get_absolute_url(),
        summary=summary_of(ad.text),
        body_html=str(ad.text_html),
        image=photo.image if photo else None,
        published_at=ad.published_at,
        updated_at=ad.updated_at,
        author=ad.display_author,
        category=str(ad.get_kind_display()),
        extra={
            "ad_kind": ad.kind,
            "category": ad.category,
            "category_label": str(ad.get_category_display()),
            "price": None if ad.price is None else str(ad.price),
            "place": ad.place,
            "expires_at": ad.expires_at.isoformat() if ad.expires_at else None,
            "image_alt": photo.image.default_alt_text if photo else "",
        },
    )


AD = ContentKind(
    key="ad",
    label=_("Petite annonce"),
    label_plural=_("Petites annonces"),
    model="classifieds.Ad",
    section_key=SECTION,
    published=published,
    to_item=to_item,
    date_field="published_at",
    order=30,
    category_lookup="kind",
)


def register() -> None:
    from . import feeds

    registry.register_content_kind(AD)
    registry.register_route(
        SectionRoute("annonces", "<feed:fmt>.xml/", feeds.ads_feed, "classifieds_feed")
    )
    registry.register_route(
        SectionRoute(
            "annonces",
            "<slug:kind>/<feed:fmt>.xml/",
            feeds.ads_kind_feed,
            "classifieds_kind_feed",
        )
    )

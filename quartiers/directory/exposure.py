"""What the directory exposes to feeds, the API, search and widgets: local
actors and practical information pages."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from quartiers.core.sanitize import text_to_html
from quartiers.portals.exposing import (
    IMAGE_SPEC,
    attach_page_portals,
    page_path,
    page_portal,
    publishable,
    rich_text_html,
    rich_text_plain,
    scope_by_portal,
    scope_pages,
    stream_blocks,
    summary_of,
    with_image,
    with_loaders,
)
from quartiers.portals.features import ContentKind, ExposedItem, SectionRoute, registry

from .models import LocalActor, PracticalInfoPage

ACTORS = "acteurs"
PRACTICAL = "infos-pratiques"


def published_actors(portal):
    queryset = LocalActor.objects.filter(status=LocalActor.PUBLISHED)
    return (
        with_image(scope_by_portal(queryset, portal, ACTORS), "logo", IMAGE_SPEC)
        .select_related("portal")
        .order_by("-created_at", "-pk")
    )


def _number(value) -> float | None:
    return None if value is None else float(value)


def actor_to_item(actor: LocalActor) -> ExposedItem:
    logo = publishable(actor.logo)
    return ExposedItem(
        kind="actor",
        id=actor.pk,
        portal=actor.portal,
        title=actor.name,
        url=f"{actor.portal.get_absolute_url()}acteurs/{actor.slug}/",
        summary=summary_of(actor.description),
        body_html=text_to_html(actor.description),
        image=logo,
        published_at=actor.created_at,
        updated_at=actor.updated_at,
        category=str(actor.get_kind_display()),
        extra={
            "actor_kind": actor.kind,
            "address": actor.address,
            "postcode": actor.postcode,
            "town": actor.town,
            "latitude": _number(actor.latitude),
            "longitude": _number(actor.longitude),
            "opening_hours": actor.opening_hours,
            "phone": actor.phone,
            "website": actor.website,
            "image_alt": logo.default_alt_text if logo else "",
        },
    )


def published_practical(portal):
    queryset = scope_pages(PracticalInfoPage.objects.live().public(), portal, PRACTICAL)
    return with_loaders(
        queryset.order_by("-first_published_at", "-pk"), attach_page_portals
    )


def practical_body_html(page) -> str:
    parts = [format_html("<p>{}</p>", page.intro)] if page.intro else []
    for block_type, value in stream_blocks(page.body):
        if block_type == "paragraph":
            parts.append(rich_text_html(value))
        elif block_type == "heading":
            parts.append(format_html("<h2>{}</h2>", value))
        elif block_type == "number" and isinstance(value, dict):
            note = value.get("note")
            parts.append(
                format_html(
                    '<p>{} : <a href="tel:{}">{}</a>{}</p>',
                    value.get("name", ""),
                    "".join(
                        c for c in value.get("phone", "") if c.isdigit() or c == "+"
                    ),
                    value.get("phone", ""),
                    format_html(" ({})", note) if note else "",
                )
            )
        elif block_type == "link" and isinstance(value, dict):
            url = value.get("url", "")
            if url.startswith(("http://", "https://")):
                parts.append(
                    format_html(
                        '<p><a href="{}">{}</a></p>', url, value.get("title", url)
                    )
                )
    return "".join(parts)


def _first_paragraph(page) -> str:
    for block_type, value in stream_blocks(page.body):
        if block_type == "paragraph":
            return rich_text_plain(value)
    return ""


def practical_to_item(page: PracticalInfoPage) -> ExposedItem:
    return ExposedItem(
        kind="practical",
        id=page.pk,
        portal=page_portal(page),
        title=page.title,
        url=page_path(page),
        summary=summary_of(page.intro, page.search_description, _first_paragraph(page)),
        body_html=practical_body_html(page),
        published_at=page.first_published_at,
        updated_at=page.last_published_at,
        extra={
            "last_checked": page.last_checked.isoformat() if page.last_checked else None
        },
    )


ACTOR = ContentKind(
    key="actor",
    label=_("Acteur du quartier"),
    label_plural=_("Acteurs du quartier"),
    model="directory.LocalActor",
    section_key=ACTORS,
    published=published_actors,
    to_item=actor_to_item,
    date_field="created_at",
    order=50,
    category_lookup="kind",
)

PRACTICAL_INFO = ContentKind(
    key="practical",
    label=_("Info pratique"),
    label_plural=_("Infos pratiques"),
    model="directory.PracticalInfoPage",
    section_key=PRACTICAL,
    published=published_practical,
    to_item=practical_to_item,
    date_field="first_published_at",
    order=80,
)


def register() -> None:
    from . import feeds

    registry.register_content_kind(ACTOR)
    registry.register_content_kind(PRACTICAL_INFO)
    registry.register_route(
        SectionRoute(
            "acteurs",
            "<slug:slug>/<feed:fmt>.xml/",
            feeds.actor_feed,
            "directory_actor_feed",
        )
    )

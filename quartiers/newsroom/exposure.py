"""What the journal exposes to feeds, the API, search and widgets: articles."""

from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from quartiers.portals.exposing import (
    BODY_IMAGE_SPEC,
    IMAGE_SPEC,
    attach_page_portals,
    figure_html,
    list_items,
    load_images,
    page_path,
    page_portal,
    publishable,
    rich_text_html,
    rich_text_plain,
    scope_pages,
    stream_blocks,
    summary_of,
    tag_names,
    with_image,
    with_loaders,
)
from quartiers.portals.features import ContentKind, ExposedItem, SectionRoute, registry

from .models import ArticleAuthor, ArticlePage

SECTION = "journal"


def _body_image_ids(page) -> list[int]:
    ids = []
    for block_type, value in stream_blocks(page.body):
        if block_type == "image" and isinstance(value, dict):
            ids.append(value.get("image"))
        elif block_type == "gallery" and isinstance(value, dict):
            ids += [
                item.get("image")
                for item in list_items(value.get("photos"))
                if isinstance(item, dict)
            ]
    return [pk for pk in ids if isinstance(pk, int)]


def attach_body_images(pages: list) -> None:
    """The photos inside a batch of articles' bodies, in two queries."""
    images = load_images(
        (pk for page in pages for pk in _body_image_ids(page)), BODY_IMAGE_SPEC
    )
    for page in pages:
        page.exposed_body_images = images


def published(portal):
    queryset = scope_pages(ArticlePage.objects.live().public(), portal, SECTION)
    queryset = (
        with_image(queryset, "cover", IMAGE_SPEC)
        .select_related("rubrique")
        .prefetch_related(
            Prefetch("authors", queryset=ArticleAuthor.objects.select_related("user")),
            "tags",
        )
        .order_by("-first_published_at", "-pk")
    )
    return with_loaders(queryset, attach_page_portals, attach_body_images)


def _figure(images: dict, value) -> str:
    if not isinstance(value, dict):
        return ""
    return figure_html(
        images.get(value.get("image")), value.get("alt", ""), value.get("caption", "")
    )


def body_html(page) -> str:
    """The whole article as cleaned HTML: chapeau, text, quotes and photos."""
    images = getattr(page, "exposed_body_images", None)
    if images is None:
        images = load_images(_body_image_ids(page), BODY_IMAGE_SPEC)
    parts = (
        [format_html("<p><strong>{}</strong></p>", page.chapo)] if page.chapo else []
    )
    for block_type, value in stream_blocks(page.body):
        if block_type == "paragraph":
            parts.append(rich_text_html(value))
        elif block_type == "heading":
            parts.append(format_html("<h2>{}</h2>", value))
        elif block_type == "quote" and isinstance(value, dict):
            who = value.get("attribution")
            parts.append(
                format_html(
                    "<blockquote><p>{}</p>{}</blockquote>",
                    value.get("text", ""),
                    format_html("<p>— {}</p>", who) if who else "",
                )
            )
        elif block_type == "image":
            parts.append(_figure(images, value))
        elif block_type == "gallery" and isinstance(value, dict):
            if value.get("title"):
                parts.append(format_html("<h3>{}</h3>", value["title"]))
            parts += [_figure(images, item) for item in list_items(value.get("photos"))]
    return "".join(part for part in parts if part)


def _first_paragraph(page) -> str:
    for block_type, value in stream_blocks(page.body):
        if block_type == "paragraph":
            return rich_text_plain(value)
    return ""


def to_item(page: ArticlePage) -> ExposedItem:
    cover = publishable(page.cover)
    return ExposedItem(
        kind="article",
        id=page.pk,
        portal=page_portal(page),
        title=page.title,
        url=page_path(page),
        summary=summary_of(page.chapo, page.search_description, _first_paragraph(page)),
        body_html=body_html(page),
        image=cover,
        published_at=page.first_published_at,
        updated_at=page.last_published_at,
        author=", ".join(page.author_names()),
        category=page.rubrique.name if page.rubrique_id else "",
        tags=tag_names(page),
        extra={
            "rubrique": page.rubrique.slug if page.rubrique_id else "",
            "featured": page.featured,
            "reading_minutes": page.reading_minutes,
            "image_alt": cover.default_alt_text if cover else "",
        },
    )


ARTICLE = ContentKind(
    key="article",
    label=_("Article"),
    label_plural=_("Articles"),
    model="newsroom.ArticlePage",
    section_key=SECTION,
    published=published,
    to_item=to_item,
    date_field="first_published_at",
    order=10,
    category_lookup="rubrique__slug",
    tag_lookup="tags__slug",
)


def register() -> None:
    from . import feeds

    registry.register_content_kind(ARTICLE)
    registry.register_route(
        SectionRoute("journal", "<feed:fmt>.xml/", feeds.journal_feed, "newsroom_feed")
    )
    registry.register_route(
        SectionRoute(
            "journal",
            "rubriques/<slug:rubrique>/<feed:fmt>.xml/",
            feeds.rubrique_feed,
            "newsroom_rubrique_feed",
        )
    )

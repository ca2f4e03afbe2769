"""What the blogs expose to feeds, the API, search and widgets: posts."""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from quartiers.portals.exposing import (
    IMAGE_SPEC,
    attach_page_portals,
    page_path,
    page_portal,
    publishable,
    rich_text_html,
    scope_pages,
    summary_of,
    tag_names,
    with_image,
    with_loaders,
)
from quartiers.portals.features import ContentKind, ExposedItem, SectionRoute, registry

from .models import BlogPage, BlogPostPage

SECTION = "blogs"


def _parent_path(post) -> str:
    return post.path[: -Page.steplen]


def attach_blogs(posts: list) -> None:
    """The blog of each post of a batch (title, author), in one query."""
    blogs = {
        blog.path: blog
        for blog in BlogPage.objects.filter(
            path__in={_parent_path(post) for post in posts}
        ).select_related("author")
    }
    for post in posts:
        post.exposed_blog = blogs.get(_parent_path(post))


def published(portal):
    """Live posts of live blogs (an unpublished blog hides its posts)."""
    live_blog = BlogPage.objects.live().filter(
        path=Left(OuterRef("path"), (OuterRef("depth") - 1) * Page.steplen)
    )
    queryset = scope_pages(
        BlogPostPage.objects.live().public().filter(Exists(live_blog)),
        portal,
        SECTION,
    )
    queryset = (
        with_image(queryset, "photo", IMAGE_SPEC)
        .prefetch_related("tags")
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    )
    return with_loaders(queryset, attach_page_portals, attach_blogs)


def _blog(post):
    blog = getattr(post, "exposed_blog", None)
    if blog is None:
        blog = BlogPage.objects.filter(path=_parent_path(post)).first()
        post.exposed_blog = blog
    return blog


def to_item(post: BlogPostPage) -> ExposedItem:
    blog = _blog(post)
    photo = publishable(post.photo)
    return ExposedItem(
        kind="blogpost",
        id=post.pk,
        portal=page_portal(post),
        title=post.title,
        url=page_path(post),
        summary=summary_of(post.search_description, post.plain_text()),
        body_html=rich_text_html(post.body),
        image=photo,
        published_at=post.first_published_at,
        updated_at=post.last_published_at,
        author=blog.author_name if blog else "",
        category=blog.title if blog else "",
        tags=tag_names(post),
        extra={
            "blog": blog.slug if blog else "",
            "blog_url": page_path(blog) if blog else "",
            "date": post.date.isoformat() if post.date else None,
            "image_alt": (post.photo_alt or photo.default_alt_text) if photo else "",
        },
    )


BLOG_POST = ContentKind(
    key="blogpost",
    label=_("Billet de blog"),
    label_plural=_("Billets de blog"),
    model="blogs.BlogPostPage",
    section_key=SECTION,
    published=published,
    to_item=to_item,
    date_field="first_published_at",
    order=20,
    tag_lookup="tags__slug",
)


def register() -> None:
    from . import feeds

    registry.register_content_kind(BLOG_POST)
    registry.register_route(
        SectionRoute("blogs", "<feed:fmt>.xml/", feeds.blogs_feed, "blogs_feed")
    )
    registry.register_route(
        SectionRoute(
            "blogs", "<slug:blog>/<feed:fmt>.xml/", feeds.blog_feed, "blogs_blog_feed"
        )
    )

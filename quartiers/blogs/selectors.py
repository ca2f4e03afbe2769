"""Reads of the blogs: scoped to a portal, constant in queries."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.http import Http404
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from quartiers.portals.models import Portal

from .models import BlogIndexPage, BlogPage, BlogPostPage

BLOGS_PAGE_SIZE = 12
POSTS_PAGE_SIZE = 10
CARD_SPEC = "fill-640x400"


def _with_photos(queryset: QuerySet[BlogPostPage]) -> QuerySet[BlogPostPage]:
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_SPEC)
    )
    return queryset.select_related("photo").prefetch_related(
        Prefetch("photo__renditions", queryset=renditions)
    )


def blog_index_of(portal: Portal) -> BlogIndexPage | None:
    home = portal.home_page
    if home is None:
        return None
    return BlogIndexPage.objects.filter(path__startswith=home.path).first()


def blog_of(*, portal: Portal, author) -> BlogPage | None:
    """This person's blog on this portal, published or not."""
    if not author.is_authenticated:
        return None
    return BlogPage.objects.filter(portal=portal, author=author).first()


def blogs_page(*, index: BlogIndexPage, page_number) -> PaginatorPage:
    """One page of the portal's live blogs, each with its latest live post.

    Blogs with the freshest post come first. Costs the same few queries
    whatever the number of blogs and posts.
    """
    # Children of each blog as a path range, so the database uses its index.
    latest = (
        BlogPostPage.objects.live()
        .filter(
            path__gt=OuterRef("path"),
            path__lte=Concat(OuterRef("path"), Value("ZZZZ")),
            depth=OuterRef("depth") + 1,
        )
        .order_by("-date", "-first_published_at", "-pk")
    )
    queryset = (
        BlogPage.objects.live()
        .public()
        .child_of(index)
        .select_related("author")
        .annotate(
            latest_post_id=Subquery(latest.values("pk")[:1]),
            latest_post_date=Subquery(latest.values("date")[:1]),
        )
        .order_by(F("latest_post_date").desc(nulls_last=True), "-first_published_at")
    )
    page = Paginator(queryset, BLOGS_PAGE_SIZE).get_page(page_number)
    blogs = list(page.object_list)
    post_ids = [blog.latest_post_id for blog in blogs if blog.latest_post_id]
    posts = {
        post.pk: post
        for post in _with_photos(BlogPostPage.objects.filter(pk__in=post_ids))
    }
    for blog in blogs:
        blog.latest_post = posts.get(blog.latest_post_id)
    page.object_list = blogs
    return page


def blog_posts_page(*, blog: BlogPage, page_number) -> PaginatorPage:
    """One page of a blog's live posts, newest first, photos included."""
    queryset = _with_photos(
        BlogPostPage.objects.live().public().child_of(blog)
    ).order_by("-date", "-first_published_at", "-pk")
    return Paginator(queryset, POSTS_PAGE_SIZE).get_page(page_number)


def post_of_author(*, portal: Portal, author, post_id) -> BlogPostPage:
    """A post of this person's blog on this portal; anything else is a 404."""
    blog = blog_of(portal=portal, author=author)
    if blog is None:
        raise Http404
    try:
        return BlogPostPage.objects.child_of(blog).get(pk=int(post_id))
    except (BlogPostPage.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# What the author sees of each post on "Mon blog".
STATUS_PUBLISHED = "published"
STATUS_IN_REVIEW = "in_review"
STATUS_CHANGES_REQUESTED = "changes_requested"
STATUS_DRAFT = "draft"


def review_statuses(pages: list) -> dict[int, str]:
    """The workflow status of each page that has one open (one query)."""
    if not pages:
        return {}
    states = WorkflowState.objects.filter(
        base_content_type_id=pages[0].get_base_content_type().pk,
        object_id__in=[str(page.pk) for page in pages],
        status__in=[
            WorkflowState.STATUS_IN_PROGRESS,
            WorkflowState.STATUS_NEEDS_CHANGES,
        ],
    ).values_list("object_id", "status")
    return {int(object_id): status for object_id, status in states}


def _status(page, open_states: dict[int, str]) -> str:
    state = open_states.get(page.pk)
    if state == WorkflowState.STATUS_IN_PROGRESS:
        return STATUS_IN_REVIEW
    if state == WorkflowState.STATUS_NEEDS_CHANGES:
        return STATUS_CHANGES_REQUESTED
    if page.live:
        return STATUS_PUBLISHED
    return STATUS_DRAFT


def my_blog_posts(*, blog: BlogPage) -> list[BlogPostPage]:
    """Every post of the blog, live or not, each with its review status."""
    posts = list(
        BlogPostPage.objects.child_of(blog).order_by("-latest_revision_created_at")
    )
    open_states = review_statuses([blog, *posts])
    blog.review_status = _status(blog, open_states)
    for post in posts:
        post.review_status = _status(post, open_states)
    return posts


def blog_status(blog: BlogPage) -> str:
    return _status(blog, review_statuses([blog]))


def page_in_review(*, portal: Portal, page_id) -> BlogPage | BlogPostPage | None:
    """A blog or a blog post of this portal, by id, for an animator's decision
    (None for a missing one, another portal's, or another kind of page)."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    home = portal.home_page
    if home is None:
        return None
    for model in (BlogPostPage, BlogPage):
        page = model.objects.filter(pk=page_id, path__startswith=home.path).first()
        if page is not None:
            return page
    return None


def refusals_of(pages: list) -> dict[int, tuple]:
    """(when, the animators' word) of the last refusal of each page (one query)."""
    from .models import Refusal

    found: dict[int, tuple] = {}
    rows = (
        Refusal.objects.filter(page_id__in=[page.pk for page in pages])
        .order_by("created_at", "pk")
        .values_list("page_id", "created_at", "message")
    )
    for page_id, created_at, message in rows:
        found[page_id] = (created_at, message)
    return found


# "Mes contributions" (accounts.contributions) ---------------------------------


def _own_posts(portal: Portal, user) -> QuerySet[BlogPostPage]:
    blogs = BlogPage.objects.filter(portal=portal, author=user)
    posts = BlogPostPage.objects.none()
    for blog in blogs[:1]:  # one blog per person and portal
        posts = BlogPostPage.objects.child_of(blog)
    return posts


def contributions_count(portal: Portal, user) -> int:
    return _own_posts(portal, user).count()


def contributions_of(portal: Portal, user, limit: int) -> list:
    """The person's blog posts on this portal, newest first, with their review
    state and the animators' word when a post was sent back."""
    from django.utils.translation import gettext as _

    from quartiers.accounts.contributions import (
        DRAFT,
        PUBLISHED,
        REFUSED,
        Contribution,
        page_states,
    )

    root = portal.get_absolute_url()
    posts = list(
        _own_posts(portal, user).order_by("-latest_revision_created_at", "-pk")[:limit]
    )
    states = page_states(posts)
    refusals = refusals_of(posts)
    contributions = []
    for post in posts:
        state, message = states[post.pk]
        refusal = refusals.get(post.pk)
        # Refused, and not written again since: the animators' word stays.
        if (
            refusal is not None
            and state in (DRAFT, PUBLISHED)
            and (
                post.latest_revision_created_at is None
                or refusal[0] >= post.latest_revision_created_at
            )
        ):
            state = REFUSED if state == DRAFT else state
            message = refusal[1]
        contributions.append(
            Contribution(
                kind="post",
                kind_label=_("Billet de blog"),
                title=post.draft_title,
                state=state,
                updated_at=post.latest_revision_created_at,
                message=message,
                url=post.url if post.live else "",
                edit_url=f"{root}blogs/mon-blog/billets/{post.pk}/modifier/",
            )
        )
    return contributions

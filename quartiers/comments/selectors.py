"""Reads about comments: scoped to a page or a portal, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from wagtail.models import Page

from .models import Comment


def page_accepts_comments(page: Page) -> bool:
    """Whether this page opts in to comments.

    A page type opts in with ``accepts_comments = True`` on its class; it may
    also be a property, so that one page can close its comments.
    """
    # .specific is the page itself when it is already specific (no query).
    return bool(getattr(page.specific, "accepts_comments", False))


def commentable_page(page_id) -> Page | None:
    """A live page that takes comments, or None (unknown, draft, not opted in)."""
    try:
        page = Page.objects.live().get(pk=int(page_id)).specific
    except (Page.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    return page if page_accepts_comments(page) else None


@dataclass
class ThreadItem:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def comment_thread(*, page: Page, viewer=None) -> list[ThreadItem]:
    """The published comments of a page with their replies: one query.

    The viewer also sees their own comments waiting for review, marked as such.
    A reply whose parent is not shown is not shown either.
    """
    visible = Q(status=Comment.PUBLISHED)
    if viewer is not None and viewer.is_authenticated:
        visible |= Q(status=Comment.PENDING, author_id=viewer.pk)
    comments = list(
        Comment.objects.filter(visible, page_id=page.pk)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    items: dict[int, ThreadItem] = {}
    for comment in comments:
        if comment.parent_id is None:
            items[comment.pk] = ThreadItem(comment)
    for comment in comments:
        if comment.parent_id is not None and comment.parent_id in items:
            items[comment.parent_id].replies.append(comment)
    return list(items.values())


def comments_of_person(user) -> QuerySet[Comment]:
    return Comment.objects.filter(author=user).select_related("portal", "page")


def pending_comments(*, portals) -> QuerySet[Comment]:
    """Comments waiting for review in these portals, oldest first."""
    return (
        Comment.objects.filter(portal__in=portals, status=Comment.PENDING)
        .select_related("portal", "page", "author", "parent")
        .order_by("created_at", "pk")
    )


# "Mes contributions" (accounts.contributions) ---------------------------------

_COMMENT_STATES = {
    Comment.PENDING: "pending",
    Comment.PUBLISHED: "published",
    Comment.HIDDEN: "hidden",
    Comment.REMOVED: "removed",
}


def contributions_count(portal, user) -> int:
    return Comment.objects.filter(portal=portal, author=user).count()


def contributions_of(portal, user, limit: int) -> list:
    """The person's comments on this portal, newest first."""
    from django.utils.text import Truncator
    from django.utils.translation import gettext as _

    from quartiers.accounts.contributions import Contribution

    comments = (
        Comment.objects.filter(portal=portal, author=user)
        .select_related("page")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        Contribution(
            kind="comment",
            kind_label=_("Commentaire sur « %(title)s »")
            % {"title": comment.page.title},
            title=Truncator(comment.body).chars(80),
            state=_COMMENT_STATES.get(comment.status, comment.status),
            updated_at=comment.created_at,
            url=(
                f"{comment.page.url}#commentaire-{comment.pk}"
                if comment.status == Comment.PUBLISHED and comment.page.url
                else ""
            ),
        )
        for comment in comments
    ]
